export { echartsBundle, renderReport } from './html.js';
export { buildReport, type Chart, type LatestCell, type ReportModel, type Series } from './model.js';
