/**
 * Indicator extraction against the hand-written gold files: `npm run eval:indicators`.
 * Prints precision and recall per seed and overall; exits 1 if any is below the threshold.
 * Matching rules are in score.ts and test/gold/README.md.
 */
import { scoreAll, THRESHOLD } from './score.js';

const { seeds, overall } = scoreAll();
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rows = [...seeds, overall].map((s) => ({
  seed: s.seed,
  gold: s.gold,
  predicted: s.predicted,
  matched: s.matched,
  precision: pct(s.precision),
  recall: pct(s.recall),
  'metric=': `${s.metricAgree}/${s.matched}`,
  'qualifier=': `${s.qualifierAgree}/${s.matched}`,
  'level=': `${s.levelAgree}/${s.matched}`,
  'city=': `${s.cityAgree}/${s.matched}`,
  'period=': `${s.periodAgree}/${s.matched}`,
}));
console.table(rows);

const verbose = process.argv.includes('--verbose');
for (const s of seeds) {
  if (!verbose && s.missed.length + s.spurious.length === 0) continue;
  for (const m of s.missed) console.log(`${s.seed} missed   ${m.value} ${m.unit} ${m.label}`);
  for (const p of s.spurious)
    console.log(`${s.seed} spurious ${p.written} → ${p.value} ${p.unit} ${p.label}`);
  if (verbose) for (const d of s.disagreements) console.log(`${s.seed} differs  ${d}`);
}

const failing = [...seeds, overall].filter((s) => s.precision < THRESHOLD || s.recall < THRESHOLD);
if (failing.length) {
  console.error(`below ${pct(THRESHOLD)}: ${failing.map((s) => s.seed).join(', ')}`);
  process.exit(1);
}
