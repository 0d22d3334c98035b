import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { BenchResults } from '../../bench/report.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm run bench -- --quick', () => {
  // About a minute on an idle 2-core machine; with the machine shared by several test runs it took over 5.
  it('prints every row of the table and the JSON it came from', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'bench/run.ts', '--quick'],
      { cwd: root, env: process.env, maxBuffer: 16 * 1024 * 1024, timeout: 580_000 },
    );
    for (const heading of [
      '1. CPU per page',
      '2. End to end',
      '3. Growth',
      '4. Refresh',
      '5. Peer',
      '6. Export of indicator rows',
    ])
      expect(stdout).toContain(heading);
    for (const row of [/^fixture\s+\d+/m, /^generated\s+\d+/m, /^1 × 8\s+\d+/m, /^2 × 8\s+\d+/m])
      expect(stdout).toMatch(row);
    expect(stdout).toMatch(/^first\s+[\d.]+\s+\d+/m);
    expect(stdout).toMatch(/^refresh\s+[\d.]+\s+\d+/m);
    expect(stdout).toMatch(/^crawlee CheerioCrawler\s+\d+/m);
    expect(stdout).toMatch(/^qcity export indicators --format parquet\s+2000\s+[\d.]+/m);

    const r = JSON.parse(readFileSync(path.join(root, 'bench/results/quick.json'), 'utf8')) as BenchResults;
    expect(r.cpu.map((c) => c.set)).toEqual(['fixture', 'generated']);
    for (const c of r.cpu) expect(c.costVsCheerio).toBeGreaterThan(0);
    expect(r.matrix.map((m) => `${m.processes}x${m.concurrency}`)).toEqual(['1x8', '2x8']);
    for (const m of r.matrix) {
      expect(m.pages).toBeGreaterThan(0);
      expect(m.timeBoxed).toBe(false); // every row drains
      expect(m.split.store).toBeGreaterThan(0);
    }
    // Growth: each size timed its three windows, and the corpus really held that many documents.
    expect(r.growth?.map((g) => g.size)).toEqual([100, 400]);
    for (const g of r.growth ?? [])
      for (const w of [g.new, g.changed, g.unchanged]) expect(w?.msPerPage).toBeGreaterThan(0);
    // The refresh really exercised all three paths: 304s, unchanged re-serves and new versions.
    const second = r.refresh?.second;
    expect(second?.outcomes['not-modified']).toBeGreaterThan(0);
    expect(second?.outcomes.unchanged).toBeGreaterThan(0);
    expect(second?.outcomes.changed).toBeGreaterThan(0);
    expect(second?.requests['304']).toBeGreaterThan(0);
    expect(r.peer?.articles).toBe(r.site.articles);
    // Every export run, ours and the baselines, read all the generated rows.
    expect(r.export?.[0]?.runs.map((run) => [run.mode, run.rows])).toEqual(
      ['drain', 'csv', 'parquet', 'naive'].map((mode) => [mode, 2000]),
    );
  }, 600_000);
});
