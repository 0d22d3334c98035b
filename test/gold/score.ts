import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { metricCatalogue } from '../../src/indicators/catalogue.js';
import { extractIndicators, type Indicator, IndicatorSchema } from '../../src/indicators/index.js';
import { normaliseText } from '../../src/normalise/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Gold `text` paths are relative to the repository root (seeds/…, ../shared/indicator-texts/…). */
export const ROOT = path.resolve(here, '../..');
const SHARED = '../shared/';

const Row = IndicatorSchema.shape;
const GoldPeriodSchema = z.object({ from: z.string().nullable(), to: z.string().nullable() }).nullable();
const GoldRowSchema = z.object({
  /** A snippet of the text (Simplified) that contains the figure; it must occur exactly once. */
  phrase: z.string().min(1),
  value: z.number(),
  unit: z.string(),
  kind: Row.kind,
  metric: z.string().nullable(),
  subject: z.string().nullable().optional(),
  qualifier: Row.qualifier.optional(),
  approx: z.boolean().optional(),
  change: z.boolean().optional(),
  target: z.boolean().optional(),
  level: Row.level.optional(),
  city: z.string().nullable().optional(),
  period: GoldPeriodSchema.optional(),
  /** A note for readers (what the figure is about), not scored. */
  label: z.string().optional(),
});
export const GoldFileSchema = z.object({
  text: z.string(),
  about: z.string().optional(),
  /** What a crawl would know beside the text: the page's publish date and the configured source city. */
  input: z.object({
    publishedAt: z.string().nullable(),
    defaultCity: z.string().optional(),
    title: z.string().optional(),
  }),
  defaults: GoldRowSchema.partial().default({}),
  indicators: z.array(GoldRowSchema),
});
export type GoldRow = Required<Omit<z.infer<typeof GoldRowSchema>, 'label'>> & { label?: string | undefined };
export type GoldFile = Omit<z.infer<typeof GoldFileSchema>, 'indicators'> & {
  id: string;
  indicators: GoldRow[];
};

function complete(
  row: z.infer<typeof GoldRowSchema>,
  defaults: Partial<z.infer<typeof GoldRowSchema>>,
  where: string,
): GoldRow {
  const r = { ...defaults, ...row };
  if (r.level === undefined) throw new Error(`${where}: row "${row.phrase}" has no level`);
  return {
    ...r,
    subject: r.subject ?? null,
    qualifier: r.qualifier ?? null,
    approx: r.approx ?? false,
    change: r.change ?? false,
    target: r.target ?? false,
    level: r.level,
    city: r.city ?? null,
    period: r.period ?? null,
  };
}

/**
 * Every gold file: the seeds' (test/gold/NNN.json) and the indicator texts' (test/gold/texts/NN.json).
 * `shared` resolves a `../shared/<rel>` path (the tests pass test/support/shared.ts's `sharedDir`, which
 * fails under CI when the material is missing); gold for texts it cannot find is left out.
 */
export function loadGold(
  shared: (rel: string) => string | undefined = (rel) => path.resolve(ROOT, SHARED, rel),
): GoldFile[] {
  return readGold(
    [
      ...readdirSync(here)
        .filter((f) => /^\d{3}\.json$/.test(f))
        .map((f) => path.join(here, f)),
      ...readdirSync(path.join(here, 'texts'))
        .filter((f) => /^\d{2}\.json$/.test(f))
        .map((f) => path.join(here, 'texts', f)),
    ],
    here,
    shared,
  );
}

/**
 * Gold kept outside the repository (a held-out set nobody tuned against): every `*.json` of `dir`,
 * in the same format; `text` paths are absolute or relative to the repository root.
 */
export function loadGoldDir(dir: string): GoldFile[] {
  const abs = path.resolve(dir);
  return readGold(
    readdirSync(abs)
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.join(abs, f)),
    abs,
  );
}

function readGold(
  paths: string[],
  base: string,
  shared: (rel: string) => string | undefined = (rel) => path.resolve(ROOT, SHARED, rel),
): GoldFile[] {
  const files = [...paths].sort();
  const out: GoldFile[] = [];
  for (const file of files) {
    const raw = GoldFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const id = path.relative(base, file).replace(/\.json$/, '');
    let text = path.resolve(ROOT, raw.text);
    if (raw.text.startsWith(SHARED)) {
      const dir = shared(path.dirname(raw.text.slice(SHARED.length)));
      if (!dir) continue;
      text = path.join(dir, path.basename(raw.text));
    }
    out.push({ ...raw, text, id, indicators: raw.indicators.map((r) => complete(r, raw.defaults, id)) });
  }
  return out;
}

export interface Run {
  simplified: string;
  predicted: Indicator[];
}

/** The full path the pipeline runs: normalise, then extract; the title is the text's first line. */
export function runGold(gold: GoldFile): Run {
  const raw = readFileSync(gold.text, 'utf8');
  const n = normaliseText(raw);
  const title = gold.input.title ?? (n.text.split('\n').find((l) => l.trim()) ?? '').trim();
  const predicted = extractIndicators({
    text: n.text,
    simplified: n.simplified,
    title,
    publishedAt: gold.input.publishedAt,
    source: null,
    ...(gold.input.defaultCity ? { defaultCity: gold.input.defaultCity } : {}),
  });
  return { simplified: n.simplified, predicted };
}

/** Where a gold phrase is in the text; a phrase found zero or several times is a gold error. */
export function locate(simplified: string, phrase: string, where: string): [number, number] {
  const at = simplified.indexOf(phrase);
  if (at < 0) throw new Error(`${where}: phrase "${phrase}" is not in the text`);
  if (simplified.indexOf(phrase, at + 1) >= 0) throw new Error(`${where}: phrase "${phrase}" occurs twice`);
  return [at, at + phrase.length];
}

/** Every place the prediction's written form occurs in its sentence, as text offsets. */
function spans(p: Indicator): [number, number][] {
  const out: [number, number][] = [];
  for (
    let i = p.evidence.sentence.indexOf(p.written);
    i >= 0;
    i = p.evidence.sentence.indexOf(p.written, i + 1)
  )
    out.push([p.evidence.start + i, p.evidence.start + i + p.written.length]);
  return out;
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
}

export interface Score {
  id: string;
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  /** Among matched rows: same city, metric, unit, level, period (from/to), change and target flags. */
  city: number;
  metric: number;
  unit: number;
  level: number;
  period: number;
  flags: number;
  missed: GoldRow[];
  spurious: Indicator[];
  disagreements: string[];
  /** Metric ids predicted here with their units (for unit consistency across all texts). */
  units: Map<string, Set<string>>;
}

const ratio = (a: number, b: number) => (b ? a / b : 1);

/**
 * A prediction matches a gold row when its number lies in the gold phrase, its value agrees
 * (±1e-6 relative, sign included) and its kind is the same (% is not 个百分点). Matching is one-to-one:
 * each gold row, in file order, takes an unmatched prediction, preferring one with the same metric.
 */
export function scoreGold(gold: GoldFile, run: Run): Score {
  const used = new Set<number>();
  const missed: GoldRow[] = [];
  const disagreements: string[] = [];
  const agree = { city: 0, metric: 0, unit: 0, level: 0, period: 0, flags: 0 };
  for (const g of gold.indicators) {
    const [g0, g1] = locate(run.simplified, g.phrase, gold.id);
    let best = -1;
    let bestScore = 0;
    run.predicted.forEach((p, i) => {
      if (used.has(i) || p.kind !== g.kind || !sameValue(p.value, g.value)) return;
      if (!spans(p).some(([a, b]) => a < g1 && b > g0)) return;
      const s = 1 + (p.metric === g.metric ? 2 : 0) + (p.subject === g.subject ? 1 : 0);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    });
    const p = run.predicted[best];
    if (!p) {
      missed.push(g);
      continue;
    }
    used.add(best);
    const samePeriod =
      (p.period?.from ?? null) === (g.period?.from ?? null) &&
      (p.period?.to ?? null) === (g.period?.to ?? null);
    const checks = {
      city: p.city === g.city,
      metric: p.metric === g.metric,
      unit: p.unit === g.unit,
      level: p.level === g.level,
      period: samePeriod,
      flags: p.change === g.change && p.target === g.target && p.qualifier === g.qualifier,
    };
    for (const [k, ok] of Object.entries(checks)) if (ok) agree[k as keyof typeof agree]++;
    const wrong = Object.entries(checks)
      .filter(([, ok]) => !ok)
      .map(([k]) => k);
    if (wrong.length) {
      disagreements.push(
        `${p.written}: ${wrong.join(',')} — gold ${g.metric}/${g.unit}/${g.level}/${g.city}/${g.period?.from}..${g.period?.to}/c${+g.change}t${+g.target}${g.qualifier ?? ''}` +
          ` got ${p.metric}/${p.unit}/${p.level}/${p.city}/${p.period?.from}..${p.period?.to}/c${+p.change}t${+p.target}${p.qualifier ?? ''}`,
      );
    }
  }
  const units = new Map<string, Set<string>>();
  for (const p of run.predicted) {
    if (!p.metric) continue;
    const set = units.get(p.metric) ?? new Set<string>();
    set.add(p.unit);
    units.set(p.metric, set);
  }
  const matched = used.size;
  return {
    id: gold.id,
    gold: gold.indicators.length,
    predicted: run.predicted.length,
    matched,
    precision: ratio(matched, run.predicted.length),
    recall: ratio(matched, gold.indicators.length),
    city: agree.city,
    metric: agree.metric,
    unit: agree.unit,
    level: agree.level,
    period: agree.period,
    flags: agree.flags,
    missed,
    spurious: run.predicted.filter((_, i) => !used.has(i)),
    disagreements,
    units,
  };
}

export interface Overall extends Score {
  /** Metric ids whose rows carry more than one unit, or a unit other than the catalogue's. */
  mixedUnits: string[];
}

export function scoreAll(golds: GoldFile[] = loadGold()): { texts: Score[]; overall: Overall } {
  const texts = golds.map((g) => scoreGold(g, runGold(g)));
  const sum = (
    k: 'gold' | 'predicted' | 'matched' | 'city' | 'metric' | 'unit' | 'level' | 'period' | 'flags',
  ) => texts.reduce((a, s) => a + s[k], 0);
  const units = new Map<string, Set<string>>();
  for (const t of texts)
    for (const [m, set] of t.units) units.set(m, new Set([...(units.get(m) ?? []), ...set]));
  const catalogue = metricCatalogue();
  const mixedUnits = [...units]
    .filter(([m, set]) => set.size > 1 || [...set][0] !== catalogue.byId.get(m)?.unit)
    .map(([m, set]) => `${m}: ${[...set].join(' ')}`);
  const overall: Overall = {
    id: 'all',
    gold: sum('gold'),
    predicted: sum('predicted'),
    matched: sum('matched'),
    precision: ratio(sum('matched'), sum('predicted')),
    recall: ratio(sum('matched'), sum('gold')),
    city: sum('city'),
    metric: sum('metric'),
    unit: sum('unit'),
    level: sum('level'),
    period: sum('period'),
    flags: sum('flags'),
    missed: texts.flatMap((s) => s.missed),
    spurious: texts.flatMap((s) => s.spurious),
    disagreements: texts.flatMap((s) => s.disagreements),
    units,
    mixedUnits,
  };
  return { texts, overall };
}

/** What the eval holds the extractor to (issue 14), over seeds and indicator texts together. */
export const THRESHOLDS = { precision: 0.95, recall: 0.9, city: 0.9, metric: 0.9 } as const;

export function failures(o: Overall): string[] {
  const out: string[] = [];
  if (o.precision < THRESHOLDS.precision)
    out.push(`precision ${o.precision.toFixed(3)} < ${THRESHOLDS.precision}`);
  if (o.recall < THRESHOLDS.recall) out.push(`recall ${o.recall.toFixed(3)} < ${THRESHOLDS.recall}`);
  const city = ratio(o.city, o.matched);
  const metric = ratio(o.metric, o.matched);
  if (city < THRESHOLDS.city) out.push(`city accuracy ${city.toFixed(3)} < ${THRESHOLDS.city}`);
  if (metric < THRESHOLDS.metric) out.push(`metric accuracy ${metric.toFixed(3)} < ${THRESHOLDS.metric}`);
  if (o.mixedUnits.length) out.push(`metric ids with more than one unit: ${o.mixedUnits.join('; ')}`);
  return out;
}
