/**
 * Indicator extraction against the hand-written gold files: `npm run eval:indicators`.
 * Prints, per text and overall, precision, recall and — among matched rows — city, metric, unit,
 * level, period and flag (change/target/qualifier) accuracy, and whether every metric id holds one
 * unit; exits 1 when the overall figures miss the thresholds. `--verbose` lists misses, spurious
 * rows and disagreements. `--gold DIR` scores the gold files of another folder instead (a held-out
 * set kept outside the repository). Matching rules: score.ts and test/gold/README.md.
 */
import { failures, loadGoldDir, scoreAll, THRESHOLDS } from './score.js';

const goldAt = process.argv.indexOf('--gold');
const goldDir = goldAt >= 0 ? process.argv[goldAt + 1] : undefined;
if (goldAt >= 0 && !goldDir) throw new Error('--gold needs a folder of gold files');
const { texts, overall } = scoreAll(goldDir ? loadGoldDir(goldDir) : undefined);
const pct = (a: number, b: number) => (b ? `${((a / b) * 100).toFixed(1)}%` : '-');
const perText = new Map(texts.map((t) => [t.id, t]));
const rows = [...texts, overall].map((s) => {
  const mixed = [...s.units].filter(([, set]) => set.size > 1).length;
  return {
    text: s.id,
    gold: s.gold,
    pred: s.predicted,
    match: s.matched,
    precision: pct(s.matched, s.predicted),
    recall: pct(s.matched, s.gold),
    city: pct(s.city, s.matched),
    metric: pct(s.metric, s.matched),
    unit: pct(s.unit, s.matched),
    'one unit/metric': `${s.units.size - mixed}/${s.units.size}`,
    level: pct(s.level, s.matched),
    period: pct(s.period, s.matched),
    flags: pct(s.flags, s.matched),
  };
});
console.table(rows);
console.log(
  `thresholds: precision ≥ ${THRESHOLDS.precision}, recall ≥ ${THRESHOLDS.recall}, city ≥ ${THRESHOLDS.city}, metric ≥ ${THRESHOLDS.metric}, every metric id one unit (${overall.units.size - overall.mixedUnits.length}/${overall.units.size} hold one)`,
);

if (process.argv.includes('--verbose')) {
  for (const t of perText.values()) {
    for (const m of t.missed) console.log(`${t.id} missed   ${m.value} ${m.unit} «${m.phrase}» ${m.metric}`);
    for (const p of t.spurious)
      console.log(`${t.id} spurious ${p.written} → ${p.value} ${p.unit} ${p.labelSimplified} ${p.metric}`);
    for (const d of t.disagreements) console.log(`${t.id} differs  ${d}`);
  }
}

const failed = failures(overall);
if (failed.length) {
  console.error(`below thresholds: ${failed.join('; ')}`);
  process.exit(1);
}
