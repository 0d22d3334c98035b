import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/load.js';
import { dropPrefix, newRedis, REDIS_URL, type SeenRequest, startServer } from './helpers.js';

/** A fleet member process; `ready` resolves when it can fetch, `report` with its final JSON line. */
function spawnWorker(arg: unknown): { child: ChildProcess; ready: Promise<void>; report: Promise<Report> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(arg)], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
    timeout: 60_000,
  });
  boostPriority(child.pid);
  const lines = createInterface({ input: child.stdout! });
  let markReady: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    child.on('exit', (code) => reject(new Error(`fleet worker exited with ${code} before it was ready`)));
  });
  const report = new Promise<Report>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line === 'ready') markReady();
      else if (line.startsWith('{')) resolve(JSON.parse(line) as Report);
    });
    child.on('exit', (code) => reject(new Error(`fleet worker exited with ${code} before reporting`)));
  });
  return { child, ready, report };
}

/**
 * The assertions compare request arrival times, so scheduling delay on a busy machine is noise. Raise the
 * priority of the server and worker processes when allowed (root); without permission, carry on as is.
 */
function boostPriority(pid: number | undefined): void {
  try {
    os.setPriority(pid ?? 0, -10);
  } catch {
    // not permitted: the tolerance below still has to absorb the jitter
  }
}

interface Report {
  outcomes: Array<{ kind: string; error?: string }>;
  waits: number[];
  startedAt: number;
  doneAt: number;
}
const WORKER = path.join(projectRoot, 'test/fetch/fleet-worker.ts');
const MIN_DELAY_MS = 150;
/**
 * Arrival jitter: the slot is granted by Redis, the server sees the request a little later, and that delay
 * varies with scheduling. Measured up to ~40 ms at load average ~15 on the two-core CI box. Without the
 * fleet-wide slot the two processes' requests would arrive a few ms apart, so this still separates.
 */
const GAP_TOLERANCE_MS = 50;
const URLS_PER_WORKER = 6;

const admin = newRedis();
const prefixes: string[] = [];
afterAll(async () => {
  for (const p of prefixes) await dropPrefix(admin, p);
  await admin.quit();
});

/** Highest number of requests the server was handling at once (an end at the same instant frees first). */
function maxInFlight(requests: SeenRequest[]): number {
  const events = requests.flatMap((r) => [
    { t: r.start, d: 1 },
    { t: r.end ?? Number.POSITIVE_INFINITY, d: -1 },
  ]);
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of events) {
    now += e.d;
    max = Math.max(max, now);
  }
  return max;
}

async function runFleet(maxConcurrentPerHost: number, serviceMs: number) {
  boostPriority(process.pid);
  // Long keep-alive: the warmed-up connections must survive the wait for the slower worker to be ready,
  // or the first measured request pays for a fresh TCP handshake.
  const s = await startServer(
    (req, res) => {
      if (req.url === '/robots.txt') return void res.writeHead(404).end();
      setTimeout(
        () => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>x</body></html>'),
        serviceMs,
      );
    },
    { keepAliveMs: 30_000 },
  );
  const prefix = `test_fleet_${randomUUID().slice(0, 8)}`;
  prefixes.push(prefix);
  const config = {
    redis: { url: REDIS_URL, prefix },
    http: {
      allowPrivateNetworks: ['127.0.0.0/8'],
      timeouts: { connectMs: 2000, headersMs: 5000, bodyMs: 5000 },
    },
    politeness: { maxConcurrentPerHost, minDelayMs: MIN_DELAY_MS },
  };
  const workers = [1, 2].map((w) =>
    spawnWorker({
      config,
      allowedHosts: [s.host],
      warmupUrls: Array.from({ length: maxConcurrentPerHost }, (_, i) => s.url(`/warmup/${i}?w=${w}`)),
      urls: Array.from({ length: URLS_PER_WORKER }, (_, i) => s.url(`/page/${i}?w=${w}`)),
    }),
  );
  try {
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin!.end('go\n');
    const reports = await Promise.all(workers.map((w) => w.report));
    const requests = [...s.requests].sort((a, b) => a.start - b.start);
    // Gaps are measured between the pages fetched after the start signal; warm-up requests and robots.txt
    // went through the same slots but carry cold-start noise.
    const starts = requests.filter((r) => r.path.startsWith('/page/')).map((r) => r.start);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    return { reports, requests, gaps, inFlight: maxInFlight(requests) };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill();
    await s.close();
  }
}

describe('per-host politeness holds across processes', () => {
  for (const [limit, serviceMs] of [
    [1, 200],
    [2, 400],
  ] as const) {
    it(`two worker processes, maxConcurrentPerHost=${limit}, minDelayMs=${MIN_DELAY_MS}`, async () => {
      const { reports, requests, gaps, inFlight } = await runFleet(limit, serviceMs);
      for (const r of reports)
        expect(r.outcomes.map((o) => o.kind)).toEqual(Array(URLS_PER_WORKER).fill('ok'));
      // every page, the warm-ups, and one robots.txt (404) for the whole fleet
      const pages = requests.filter((r) => r.path.startsWith('/page/'));
      expect(pages).toHaveLength(2 * URLS_PER_WORKER);
      expect(requests.filter((r) => r.path === '/robots.txt')).toHaveLength(1);
      // Precondition: both processes were fetching at the same time, so the limits below were contended
      // across processes (each worker's window covers at least a third of the other's).
      const [a, b] = reports as [Report, Report];
      const overlap = Math.min(a.doneAt, b.doneAt) - Math.max(a.startedAt, b.startedAt);
      expect(overlap).toBeGreaterThan(Math.min(a.doneAt - a.startedAt, b.doneAt - b.startedAt) / 3);
      const order = pages.map((r) => r.path.slice(-1));
      const switches = order.slice(1).filter((w, i) => w !== order[i]).length;
      expect(inFlight).toBeLessThanOrEqual(limit);
      // the limit is reached, so the check above is not passing just because nothing overlapped
      expect(inFlight).toBe(limit);
      // somebody waited for a slot, and the wait was reported
      expect(reports.flatMap((r) => r.waits).length).toBeGreaterThan(0);
      console.log(
        `limit=${limit}: ${requests.length} requests, ${switches} worker switches, max in flight ${inFlight}, min start gap ${Math.min(...gaps).toFixed(1)} ms, ` +
          `gaps ${gaps.map((g) => g.toFixed(0)).join(',')}`,
      );
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(MIN_DELAY_MS - GAP_TOLERANCE_MS);
      // Over any four consecutive starts jitter only moves the two ends, so the span is held to 3 × minDelay.
      for (let i = 0; i + 3 < gaps.length + 1; i++) {
        const span = gaps.slice(i, i + 3).reduce((a, b) => a + b, 0);
        expect(span).toBeGreaterThanOrEqual(3 * MIN_DELAY_MS - GAP_TOLERANCE_MS);
      }
    });
  }
});
