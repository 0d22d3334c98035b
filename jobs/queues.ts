import { type DefaultJobOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import { BACKOFF_TYPE } from './backoff.js';
import { QUEUES, type QueueName } from './names.js';

/**
 * Retention keeps Redis bounded on a crawl of any size: completed jobs are trimmed to the newest
 * `keepCompleted` (and no older than `keepCompletedAgeSec`), failed ones to `keepFailed`/`keepFailedAgeSec`,
 * which stay long enough to inspect. docs/operations.md has the memory arithmetic.
 */
export function defaultJobOptions(config: Config): DefaultJobOptions {
  return {
    attempts: config.retry.attempts,
    backoff: { type: BACKOFF_TYPE },
    removeOnComplete: { count: config.jobs.keepCompleted, age: config.jobs.keepCompletedAgeSec },
    removeOnFail: { count: config.jobs.keepFailed, age: config.jobs.keepFailedAgeSec },
    // Each failed attempt stores a stack trace on the job; two are enough to debug and keep failed jobs small.
    stackTraceLimit: 2,
  };
}

export interface Queues {
  discovery: Queue;
  page: Queue;
  all: Queue[];
  byName(name: QueueName): Queue;
  close(): Promise<void>;
}

/** Both queues over one shared connection (Queues do not block, so BullMQ lets them share). */
export function openQueues(config: Config, connection: Redis, logger?: Logger): Queues {
  const opts = { connection, prefix: config.redis.prefix, defaultJobOptions: defaultJobOptions(config) };
  const discovery = new Queue(QUEUES.discovery, opts);
  const page = new Queue(QUEUES.page, opts);
  // A Queue re-emits connection errors; without a listener Node would treat them as unhandled.
  for (const q of [discovery, page])
    q.on('error', (err) => logger?.warn({ queue: q.name, err: err.message }, 'queue error'));
  return {
    discovery,
    page,
    all: [discovery, page],
    byName: (name) => (name === QUEUES.page ? page : discovery),
    close: async () => {
      await Promise.all([discovery.close(), page.close()]);
    },
  };
}
