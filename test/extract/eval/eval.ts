/**
 * `npm run eval:extract`: our extractor beside Mozilla Readability on the hand-labelled development
 * set (test/extract/eval/dev-set.ts). Prints the side-by-side table and, with --verbose, every page
 * that either side gets wrong. Exits 1 when we miss a threshold or score below Readability.
 *
 * `-- --set <labels.json> --dir <pages>` scores another labelled set the same way: a JSON array of
 * DevPage entries (truth.ts; `encoding` names each page's true charset) beside a folder of saved pages,
 * raw bytes as served. A held-out set is kept outside the repository; this is how it is run.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { articlesDir, evaluate, THRESHOLDS } from './score.js';
import type { DevPage } from './truth.js';

const { values: args } = parseArgs({
  options: {
    verbose: { type: 'boolean', default: false },
    set: { type: 'string' },
    dir: { type: 'string' },
  },
});
const verbose = args.verbose;
if (Boolean(args.set) !== Boolean(args.dir)) {
  console.error('eval:extract: --set <labels.json> and --dir <pages folder> go together');
  process.exit(1);
}
const dir = args.dir ?? articlesDir();
if (!dir) {
  console.error('eval:extract needs ../shared/real-pages/articles beside the clone');
  process.exit(1);
}
const set = args.set ? (JSON.parse(readFileSync(args.set, 'utf8')) as DevPage[]) : undefined;
const { pages, ours, readability } = evaluate({ dir, ...(set ? { set } : {}), rounds: 5 });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const f = (x: number) => x.toFixed(4);

const rows: Record<string, { ours: string; readability: string }> = {
  'body char-F1 (mean)': { ours: f(ours.f1), readability: f(readability.f1) },
};
for (const [enc, v] of Object.entries(ours.f1ByEncoding)) {
  rows[`  declared ${enc} (${v.pages} pages)`] = {
    ours: f(v.f1),
    readability: f(readability.f1ByEncoding[enc]!.f1),
  };
}
rows['titles exact'] = { ours: pct(ours.titles), readability: pct(readability.titles) };
rows['times right'] = { ours: pct(ours.times), readability: pct(readability.times) };
rows['CPU ms per page (parse + extract)'] = {
  ours: ours.msPerPage.toFixed(2),
  readability: readability.msPerPage.toFixed(2),
};
console.log(
  set
    ? `labelled set ${args.set}: ${ours.pages} pages (${dir})`
    : `development set: ${ours.pages} real pages (../shared/real-pages/articles)`,
);
console.table(rows);

for (const p of pages) {
  const bad = (['ours', 'readability'] as const).filter(
    (s) => p[s].f1 < 0.95 || !p[s].titleRight || !p[s].timeRight,
  );
  if (!verbose && !bad.includes('ours')) continue;
  if (verbose && bad.length === 0) continue;
  console.log(`\n${p.file} [${p.encoding}]`);
  for (const s of verbose ? (['ours', 'readability'] as const) : (['ours'] as const)) {
    const r = p[s];
    console.log(
      `  ${s.padEnd(11)} F1 ${f(r.f1)} (P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)})` +
        `${r.titleRight ? '' : `  title ${JSON.stringify(r.title)} ≠ ${JSON.stringify(p.truth.title)}`}` +
        `${r.timeRight ? '' : `  time ${r.publishedAt} ≠ ${p.truth.time}`}`,
    );
  }
}

const failures: string[] = [];
if (ours.f1 < THRESHOLDS.f1) failures.push(`body F1 ${f(ours.f1)} < ${THRESHOLDS.f1}`);
if (ours.f1 <= readability.f1)
  failures.push(`body F1 ${f(ours.f1)} not above Readability's ${f(readability.f1)}`);
if (ours.titles < THRESHOLDS.titles) failures.push(`titles ${pct(ours.titles)} < ${pct(THRESHOLDS.titles)}`);
if (ours.times < THRESHOLDS.times) failures.push(`times ${pct(ours.times)} < ${pct(THRESHOLDS.times)}`);
if (ours.msPerPage > THRESHOLDS.msPerPage)
  failures.push(`${ours.msPerPage.toFixed(2)} ms per page > ${THRESHOLDS.msPerPage}`);
if (failures.length) {
  console.error(`\nFAIL: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('\nall thresholds met');
