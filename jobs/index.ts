/** BullMQ topology of the fleet: queues, job ids, workers, schedules and the run-once driver. */
export { BACKOFF_TYPE, backoffStrategy } from './backoff.js';
export { addOnce, type EnqueueResult, Enqueuer } from './enqueue.js';
export { JobError, toJobError } from './errors.js';
export * from './names.js';
export { defaultJobOptions, openQueues, type Queues } from './queues.js';
export {
  formatSummary,
  type RunOnceOptions,
  RunTracker,
  runOnce,
  type Summary,
  selectSources,
} from './run-once.js';
export {
  formatShanghai,
  listSchedules,
  repeatOptions,
  type ScheduleRow,
  syncSchedules,
} from './schedules.js';
export { startWorkers, type WorkerDeps, type WorkerHooks, type Workers } from './workers.js';
