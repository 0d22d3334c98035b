/**
 * `npm run eval:extract`: our extractor beside Mozilla Readability on the hand-labelled development
 * set (test/extract/eval/dev-set.ts). Prints the side-by-side table and, with --verbose, every page
 * that either side gets wrong. Exits 1 when we miss a threshold or score below Readability.
 */
import { articlesDir, evaluate, THRESHOLDS } from './score.js';

const verbose = process.argv.includes('--verbose');
const dir = articlesDir();
if (!dir) {
  console.error('eval:extract needs ../shared/real-pages/articles beside the clone');
  process.exit(1);
}
const { pages, ours, readability } = evaluate({ dir, rounds: 5 });
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
console.log(`development set: ${ours.pages} real pages (../shared/real-pages/articles)`);
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
