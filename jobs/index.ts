/**
 * BullMQ wiring of the fleet: queues, job ids, processors, workers, schedules and the run driver. Only the
 * CLI and the composition root (src/fleet) import it; nothing below them does.
 */
export { BACKOFF_TYPE, backoffStrategy } from './backoff.js';
export { addOnce, type EnqueueResult, Enqueuer } from './enqueue.js';
export { JobError, toJobError } from './errors.js';
export * from './names.js';
export { ENQUEUE_CHUNK, jobRef } from './processors.js';
export { defaultJobOptions, openQueues, type Queues } from './queues.js';
export {
  type DriveOptions,
  driveRun,
  emptySummary,
  formatSummary,
  newRunId,
  RunTracker,
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
