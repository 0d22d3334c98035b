export {
  type CurrentIndicator,
  currentIndicators,
  type IndicatorDocument,
  type IndicatorFilter,
} from './current-indicators.js';
