import type { CpuJob, CpuShardResult } from './cpu-child.js';
import { exited, nextMessage, type ProcessStats, spawnTs } from './proc.js';
import type { BenchSizes } from './sizes.js';

export interface CpuSetResult {
  set: CpuJob['set'];
  pages: number;
  avgKB: number;
  failed: number;
  encodings: Record<string, number>;
  /** Pages per CPU-second (= per core) of decode + extract + normalise + hash + indicators. */
  oursPagesPerCoreSec: number;
  cheerioPagesPerCoreSec: number;
  /** Our CPU per page over cheerio.load's CPU per page (how many cheerio.loads one of our pages costs). */
  costVsCheerio: number;
  /** Share of our CPU per stage (every 4th page). */
  stageShare: { decode: number; extract: number; text: number };
  msPerPage: { ours: number; cheerio: number };
  buildMs: number;
}

async function runShards(jobs: CpuJob[]): Promise<Array<CpuShardResult & { process: ProcessStats }>> {
  // Shards run side by side, one per core; each measures its own process CPU time.
  return Promise.all(
    jobs.map(async (job) => {
      const child = spawnTs('cpu-child.ts', { BENCH_CPU_JOB: JSON.stringify(job) });
      const r = await nextMessage<CpuShardResult & { process: ProcessStats }>(child, 'cpu', 540_000);
      await exited(child, 5000);
      return r;
    }),
  );
}

function combine(set: CpuJob['set'], shards: CpuShardResult[]): CpuSetResult {
  const sum = (f: (r: CpuShardResult) => number) => shards.reduce((s, r) => s + f(r), 0);
  const pages = sum((r) => r.pages);
  const ours = sum((r) => r.oursCpuMs);
  const cheerio = sum((r) => r.cheerioCpuMs);
  const st = sum((r) => r.stages.decodeMs + r.stages.extractMs + r.stages.textMs) || 1;
  const encodings: Record<string, number> = {};
  for (const r of shards)
    for (const [k, v] of Object.entries(r.encodings)) encodings[k] = (encodings[k] ?? 0) + v;
  return {
    set,
    pages,
    avgKB: sum((r) => r.bytes) / pages / 1024,
    failed: sum((r) => r.failed),
    encodings,
    oursPagesPerCoreSec: (pages / ours) * 1000,
    cheerioPagesPerCoreSec: (pages / cheerio) * 1000,
    costVsCheerio: ours / cheerio,
    stageShare: {
      decode: sum((r) => r.stages.decodeMs) / st,
      extract: sum((r) => r.stages.extractMs) / st,
      text: sum((r) => r.stages.textMs) / st,
    },
    msPerPage: { ours: ours / pages, cheerio: cheerio / pages },
    buildMs: Math.max(...shards.map((r) => r.buildMs)),
  };
}

export async function cpuBench(sizes: BenchSizes): Promise<CpuSetResult[]> {
  const gen = { ...sizes.cpu, seed: 20240607 };
  const base = { gen, repeat: 1, shards: sizes.cpu.processes };
  const generated = await runShards(
    Array.from({ length: sizes.cpu.processes }, (_, shard) => ({
      ...base,
      set: 'generated' as const,
      shard,
    })),
  );
  const fixture = await runShards([
    { ...base, set: 'fixture', shard: 0, shards: 1, repeat: sizes.name === 'quick' ? 2 : 20 },
  ]);
  return [combine('fixture', fixture), combine('generated', generated)];
}
