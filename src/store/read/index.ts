export {
  type CurrentIndicator,
  currentIndicators,
  type IndicatorDocument,
  type IndicatorFilter,
} from './current-indicators.js';
export { figureCity } from './figure-city.js';
export {
  findQuery,
  type NamedQuery,
  QUERIES,
  QUERY_DEFAULTS,
  type QueryParams,
  type Row,
  runQuery,
} from './queries.js';
