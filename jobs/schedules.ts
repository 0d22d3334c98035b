import type { Queue, RepeatOptions } from 'bullmq';
import type { Config, Schedule, Source } from '../src/config/schema.js';
import { JOB, type RefreshJob, schedulerId } from './names.js';
import { defaultJobOptions } from './queues.js';

export function repeatOptions(schedule: Schedule): Omit<RepeatOptions, 'key'> {
  return 'cron' in schedule ? { pattern: schedule.cron, tz: schedule.tz } : { every: schedule.everyMs };
}

export type SyncResult = { upserted: string[]; removed: string[] };

/**
 * Makes the discovery queue's job schedulers equal to the config: one `refresh-<source>` scheduler per source
 * with a schedule (upsert is keyed by id, so restarts never duplicate one), and every other scheduler removed.
 */
export async function syncSchedules(
  queue: Queue,
  config: Config,
  sources: Source[] = config.sources,
): Promise<SyncResult> {
  const wanted = new Map(sources.filter((s) => s.schedule).map((s) => [schedulerId(s.id), s] as const));
  const template = defaultJobOptions(config);
  for (const [id, source] of wanted) {
    const data: RefreshJob = { sourceId: source.id };
    await queue.upsertJobScheduler(id, repeatOptions(source.schedule as Schedule), {
      name: JOB.refresh,
      data,
      opts: template,
    });
  }
  const removed: string[] = [];
  for (const existing of await queue.getJobSchedulers(0, -1)) {
    const id = existing.id ?? existing.key;
    if (wanted.has(id)) continue;
    await queue.removeJobScheduler(id);
    removed.push(id);
  }
  return { upserted: [...wanted.keys()], removed };
}

export type ScheduleRow = {
  id: string;
  sourceId?: string;
  cron?: string;
  tz?: string;
  everyMs?: number;
  next?: Date;
};

export async function listSchedules(queue: Queue<RefreshJob>): Promise<ScheduleRow[]> {
  const rows = await queue.getJobSchedulers(0, -1, true);
  return rows
    .map((s) => ({
      id: s.id ?? s.key,
      sourceId: s.template?.data?.sourceId,
      cron: s.pattern,
      tz: s.tz,
      everyMs: s.every,
      next: s.next ? new Date(s.next) : undefined,
    }))
    .sort((a, b) => (a.next?.getTime() ?? Infinity) - (b.next?.getTime() ?? Infinity));
}

const shanghai = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `2026-11-22 14:30:00 +08:00` — schedules are read in the sources' own time zone. */
export function formatShanghai(date: Date): string {
  return `${shanghai.format(date)} +08:00`;
}
