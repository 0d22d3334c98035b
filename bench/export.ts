/**
 * Export of indicator rows (issue 15): `qcity export indicators` as CSV and Parquet over a scratch
 * database of generated documents, each run in its own process for time and peak RSS, beside two
 * baselines on the same data: the MongoDB driver's cursor alone (the floor: what reading costs) and
 * the obvious non-streaming export (toArray, then one JSON.stringify). Two sizes show whether memory
 * stays flat as the rows grow.
 */
import { createHash } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogueMetrics, openScratch, type Scratch, syncMetrics } from '../src/store/index.js';
import { exited, nextMessage, type ProcessStats, spawnTs } from './proc.js';
import type { Urls } from './services.js';
import { f, formatTable, x } from './table.js';

export const EXPORT_SIZES = { full: [100_000, 200_000], quick: [2_000] } as const;
const ROWS_PER_DOCUMENT = 20;
const MODES = ['drain', 'csv', 'parquet', 'naive'] as const;

export interface ExportRun {
  mode: (typeof MODES)[number];
  rows: number;
  seconds: number;
  rowsPerSec: number;
  /** RSS once connected, before the first row; and the process's peak (ru_maxrss). */
  startRssMB: number;
  peakRssMB: number;
  /** CPU time of the exporting process (the rest of the wall time is the server's). */
  cpuSeconds: number;
  fileMB: number;
}

export interface ExportSize {
  rows: number;
  documents: number;
  buildSeconds: number;
  runs: ExportRun[];
}

/** Percent metrics of config/metrics.yaml, so the rows' units fit and the export names them. */
const METRICS = [
  'sampling.pass_rate',
  'construction.pass_rate',
  'sampling.enterprise_pass_rate',
  'testing.coverage_rate',
];
const CITIES = ['柳州市', '钦州市', '南宁市', '桂林市', '锦州市'];
const FILLER =
  '柳州市深入实施质量强市战略，持续推进质量提升行动，在标准引领、品牌带动、夯实质量基础等方面取得显著成效。';

/** A stored document as the pipeline leaves it, with `ROWS_PER_DOCUMENT` indicator rows (the current row contract); deterministic. */
function documentAt(i: number) {
  const id = createHash('sha256').update(`bench-export-${i}`).digest('hex').slice(0, 16);
  const year = 2018 + (i % 7);
  const city = CITIES[i % CITIES.length]!;
  const text = FILLER.repeat(40); // ~2 KB of body, as short articles carry
  return {
    _id: id,
    url: `http://scjgj.liuzhou.gov.cn/xxgk/${year}05/t${year}0501_${i}.shtml`,
    sourceId: 'liuzhou-scjgj',
    host: 'scjgj.liuzhou.gov.cn',
    title: `${city}${year}年质量工作情况通报（第${i}期）`,
    source: '柳州日报',
    publishedAt: new Date(`${year}-05-01T01:00:00Z`),
    city,
    script: 'simplified',
    version: 1,
    settledVersion: 1,
    contentHash: id,
    duplicateOf: null,
    nearDuplicateOf: null,
    text,
    textSimplified: text,
    indicators: Array.from({ length: ROWS_PER_DOCUMENT }, (_, k) => {
      const value = Math.round((90 + ((i * 7 + k * 13) % 100) / 10) * 10) / 10;
      const sentence = `${city}${year - 1}年产品质量监督抽查合格率${value}%，同比提高0.${k % 9}个百分点，“品牌”建设成效明显。`;
      return {
        metric: METRICS[k % METRICS.length],
        subject: k % 3 === 0 ? '工业产品' : null,
        label: '产品质量监督抽查合格率',
        labelSimplified: '产品质量监督抽查合格率',
        value,
        unit: '%',
        kind: 'percent',
        written: `${value}%`,
        qualifier: k % 5 === 0 ? '~' : null,
        approx: k % 5 === 0,
        change: false,
        target: false,
        level: 'city',
        city,
        period: { label: `${year - 1}年`, from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
        asOf: `${year - 1}-12-31`,
        evidence: { sentence, start: k * 80, end: k * 80 + sentence.length },
      };
    }),
  };
}

async function build(scratch: Scratch, rows: number): Promise<{ documents: number; seconds: number }> {
  const t0 = performance.now();
  await syncMetrics(scratch.db, catalogueMetrics());
  const documents = Math.ceil(rows / ROWS_PER_DOCUMENT);
  for (let start = 0; start < documents; start += 250) {
    await scratch.insertDocuments(
      Array.from({ length: Math.min(250, documents - start) }, (_, k) => documentAt(start + k)),
    );
  }
  return { documents, seconds: (performance.now() - t0) / 1000 };
}

async function runOnce(mode: ExportRun['mode'], urls: Urls, dbName: string): Promise<ExportRun> {
  const out = path.join(os.tmpdir(), `qcity-bench-export-${process.pid}.${mode}`);
  const child = spawnTs('export-child.ts', {
    EXPORT_MODE: mode,
    MONGO_URL: urls.mongo,
    EXPORT_DB: dbName,
    EXPORT_OUT: out,
  });
  try {
    const done = await nextMessage<
      { type: 'done'; rows: number; ms: number; startRss: number } & ProcessStats
    >(child, 'done', 600_000);
    const fileMB = mode === 'drain' ? 0 : statSync(out).size / 2 ** 20;
    return {
      mode,
      rows: done.rows,
      seconds: done.ms / 1000,
      rowsPerSec: done.rows / (done.ms / 1000),
      startRssMB: done.startRss / 2 ** 20,
      peakRssMB: done.peakRss / 2 ** 20,
      cpuSeconds: done.cpuMs / 1000,
      fileMB,
    };
  } finally {
    await exited(child, 10_000);
    rmSync(out, { force: true });
  }
}

export async function exportBench(
  urls: Urls,
  mode: 'full' | 'quick',
  say: (s: string) => void,
): Promise<ExportSize[]> {
  const results: ExportSize[] = [];
  for (const rows of EXPORT_SIZES[mode]) {
    // a name never used before: FerretDB's SQLite backend must not see a dropped name again
    const scratch = await openScratch({ url: urls.mongo }, `bench_export_${Date.now().toString(36)}_${rows}`);
    try {
      const { documents, seconds } = await build(scratch, rows);
      say(`   ${rows} rows in ${documents} documents inserted in ${seconds.toFixed(1)} s`);
      const runs: ExportRun[] = [];
      for (const m of MODES) {
        const r = await runOnce(m, urls, scratch.db.databaseName);
        runs.push(r);
        say(
          `   ${m}: ${r.rows} rows in ${r.seconds.toFixed(1)} s (CPU ${r.cpuSeconds.toFixed(1)} s), peak RSS ${r.peakRssMB.toFixed(0)} MB`,
        );
      }
      results.push({ rows, documents, buildSeconds: seconds, runs });
    } finally {
      await scratch.drop();
      await scratch.close();
    }
  }
  return results;
}

const LABEL: Record<ExportRun['mode'], string> = {
  drain: 'baseline: driver cursor only',
  csv: 'qcity export indicators --format csv',
  parquet: 'qcity export indicators --format parquet',
  naive: 'baseline: toArray + JSON.stringify',
};

export function renderExportBench(sizes: ExportSize[]): string {
  const out = [
    '\n6. Export of indicator rows: ours vs the driver cursor alone (time, CPU) and a non-streaming export (memory)',
  ];
  for (const s of sizes) {
    const drain = s.runs.find((r) => r.mode === 'drain')!;
    const naive = s.runs.find((r) => r.mode === 'naive')!;
    out.push(
      `\n${s.rows} rows (${s.documents} documents × ${ROWS_PER_DOCUMENT}), inserted in ${f(s.buildSeconds)} s`,
    );
    out.push(
      formatTable(
        [
          'run',
          'rows',
          'seconds',
          'rows/s',
          'time ÷ cursor',
          'our CPU s',
          'CPU ÷ cursor',
          'RSS start MB',
          'peak RSS MB',
          'peak ÷ non-streaming',
          'file MB',
        ],
        s.runs.map((r) => [
          LABEL[r.mode],
          String(r.rows),
          f(r.seconds),
          f(r.rowsPerSec, 0),
          x(r.seconds / drain.seconds),
          f(r.cpuSeconds),
          x(r.cpuSeconds / drain.cpuSeconds),
          f(r.startRssMB, 0),
          f(r.peakRssMB, 0),
          x(r.peakRssMB / naive.peakRssMB),
          r.mode === 'drain' ? '-' : f(r.fileMB),
        ]),
      ),
    );
  }
  return out.join('\n');
}
