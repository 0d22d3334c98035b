import type { Queue } from 'bullmq';
import { codeOfReason } from '../pipeline/index.js';

export type FailureGroup = { queue: string; code: string; reason: string; count: number; lastAt: number };

/** A failure reason with the parts that differ per job (URLs, long numbers) masked, so alike reasons group. */
export function reasonShape(reason: string): string {
  return reason
    .replace(/https?:\/\/\S+?(?=[)\s]|$)/g, '<url>')
    .replace(/\d{3,}/g, (m) => (m.length === 3 ? m : '#'))
    .slice(0, 160);
}

/** The most recent failed jobs of each queue, grouped by code and reason shape, most frequent first. */
export async function recentFailures(queues: Queue[], perQueue = 200): Promise<FailureGroup[]> {
  const groups = new Map<string, FailureGroup>();
  for (const q of queues) {
    const failed = await q.getFailed(0, perQueue - 1);
    for (const job of failed) {
      if (!job) continue;
      const reason = job.failedReason ?? '(no reason)';
      const code = codeOfReason(reason);
      const shape = reasonShape(reason);
      const key = `${q.name}\u0000${code}\u0000${shape}`;
      const g = groups.get(key) ?? { queue: q.name, code, reason: shape, count: 0, lastAt: 0 };
      g.count++;
      g.lastAt = Math.max(g.lastAt, job.finishedOn ?? 0);
      groups.set(key, g);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}
