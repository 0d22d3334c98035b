export {
  type AnalysedPage,
  type AnalyseInput,
  type AnalyseOptions,
  analyse,
  analyseArticle,
  type PageRecord,
} from './analyse.js';
export { createPipelineContext, type PipelineContext, type PipelineMetrics } from './context.js';
export { PIPELINE_ERROR_CODES, PipelineError, type PipelineErrorCode } from './errors.js';
export {
  classifyFailure,
  codeOfReason,
  type Failure,
  failureCode,
  failureReason,
  retryAfterOf,
} from './failure.js';
export type { JobInfo } from './job.js';
export { type ListJobData, type ListResult, processList } from './process-list.js';
export { type PageJobData, type PageResult, processPage } from './process-page.js';
export { importSeeds, type SeedImportOptions, type SeedReport } from './seeds.js';
