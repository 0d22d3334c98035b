import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { extractIndicators, type Indicator, IndicatorSchema } from '../../src/indicators/index.js';
import { alignedSimplified, normaliseText } from '../../src/normalise/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SEEDS_DIR = path.resolve(here, '../../seeds');

const GoldRowSchema = IndicatorSchema.pick({
  metric: true,
  label: true,
  value: true,
  unit: true,
  kind: true,
  qualifier: true,
  level: true,
  period: true,
});
export const GoldFileSchema = z.object({
  seed: z.string(),
  city: z.string(),
  publishedAt: z.string().nullable(),
  indicators: z.array(GoldRowSchema),
});
export type GoldRow = z.infer<typeof GoldRowSchema>;
export type GoldFile = z.infer<typeof GoldFileSchema>;

export function loadGold(): GoldFile[] {
  return readdirSync(here)
    .filter((f) => /^\d{3}\.json$/.test(f))
    .sort()
    .map((f) => GoldFileSchema.parse(JSON.parse(readFileSync(path.join(here, f), 'utf8'))));
}

/** The full path the pipeline runs: normalise, then extract; the title is the seed's first line. */
export function runSeed(gold: GoldFile): Indicator[] {
  const raw = readFileSync(path.join(SEEDS_DIR, gold.seed), 'utf8');
  const title = (raw.split('\n').find((l) => l.trim()) ?? '').trim();
  const n = normaliseText(raw);
  return extractIndicators({
    text: n.text,
    simplified: n.simplified,
    title,
    publishedAt: gold.publishedAt,
    source: null,
  });
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

/** Longest common substring length, on Simplified text with punctuation and quotes removed. */
function commonRun(a: string, b: string): number {
  const clean = (s: string) => alignedSimplified(s).replace(/[“”"‘’()（）、,，\s]/g, '');
  const x = clean(a);
  const y = clean(b);
  let best = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = 0; j < y.length; j++) {
      let k = 0;
      while (x[i + k] !== undefined && x[i + k] === y[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

/**
 * A predicted row matches a gold row when the value agrees (±1e-6 relative), the unit is the same
 * (units are normalised: 元, %, rank, 平方米, 元/年 or the measure word) and the row is about the same
 * thing: equal metric keys, or labels sharing a run of at least two characters.
 */
export function matches(gold: GoldRow, pred: Indicator): number {
  if (gold.unit !== pred.unit || !sameValue(gold.value, pred.value)) return 0;
  const run = commonRun(gold.label, pred.label);
  const sameMetric = gold.metric !== null && gold.metric === pred.metric;
  if (!sameMetric && run < 2) return 0;
  return run + (sameMetric ? 100 : 0);
}

export interface SeedScore {
  seed: string;
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  metricAgree: number;
  qualifierAgree: number;
  levelAgree: number;
  cityAgree: number;
  periodAgree: number;
  /** Matched pairs whose metric, level or period differ, for --verbose. */
  disagreements: string[];
  missed: GoldRow[];
  spurious: Indicator[];
}

/** One-to-one matching: each gold row takes the best-scoring unmatched prediction. */
export function scoreSeed(gold: GoldFile, predicted: Indicator[]): SeedScore {
  const used = new Set<number>();
  const missed: GoldRow[] = [];
  let metricAgree = 0;
  let qualifierAgree = 0;
  let levelAgree = 0;
  let cityAgree = 0;
  let periodAgree = 0;
  const disagreements: string[] = [];
  for (const g of gold.indicators) {
    let best = -1;
    let bestScore = 0;
    predicted.forEach((p, i) => {
      if (used.has(i)) return;
      const s = matches(g, p);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    });
    const p = predicted[best];
    if (!p) {
      missed.push(g);
      continue;
    }
    used.add(best);
    if (p.metric === g.metric) metricAgree++;
    if (p.qualifier === g.qualifier) qualifierAgree++;
    if (p.level === g.level) levelAgree++;
    if (p.city === gold.city) cityAgree++;
    const samePeriod =
      (p.period?.from ?? null) === (g.period?.from ?? null) &&
      (p.period?.to ?? null) === (g.period?.to ?? null);
    if (samePeriod) periodAgree++;
    if (p.metric !== g.metric || p.level !== g.level || !samePeriod) {
      disagreements.push(
        `${p.written} metric ${g.metric}/${p.metric} level ${g.level}/${p.level} period ${g.period?.label ?? '-'}/${p.period?.label ?? '-'}`,
      );
    }
  }
  const matched = used.size;
  return {
    seed: gold.seed.slice(0, 3),
    gold: gold.indicators.length,
    predicted: predicted.length,
    matched,
    precision: predicted.length ? matched / predicted.length : 1,
    recall: gold.indicators.length ? matched / gold.indicators.length : 1,
    metricAgree,
    qualifierAgree,
    levelAgree,
    cityAgree,
    periodAgree,
    disagreements,
    missed,
    spurious: predicted.filter((_, i) => !used.has(i)),
  };
}

export function scoreAll(): { seeds: SeedScore[]; overall: SeedScore } {
  const seeds = loadGold().map((g) => scoreSeed(g, runSeed(g)));
  const sum = (
    k:
      | 'gold'
      | 'predicted'
      | 'matched'
      | 'metricAgree'
      | 'qualifierAgree'
      | 'levelAgree'
      | 'cityAgree'
      | 'periodAgree',
  ) => seeds.reduce((a, s) => a + s[k], 0);
  const overall: SeedScore = {
    seed: 'all',
    gold: sum('gold'),
    predicted: sum('predicted'),
    matched: sum('matched'),
    precision: sum('matched') / Math.max(1, sum('predicted')),
    recall: sum('matched') / Math.max(1, sum('gold')),
    metricAgree: sum('metricAgree'),
    qualifierAgree: sum('qualifierAgree'),
    levelAgree: sum('levelAgree'),
    cityAgree: sum('cityAgree'),
    periodAgree: sum('periodAgree'),
    disagreements: seeds.flatMap((s) => s.disagreements),
    missed: seeds.flatMap((s) => s.missed),
    spurious: seeds.flatMap((s) => s.spurious),
  };
  return { seeds, overall };
}

export const THRESHOLD = 0.9;
