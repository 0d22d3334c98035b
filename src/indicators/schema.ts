import { z } from 'zod';

/**
 * What a figure measures, which fixes how its unit reads: `points` are percentage points (个百分点),
 * `permille` ‰, `index` a dimensionless index (指数达85.21), `score` a mark out of 100 (满意度81.3分),
 * `multiple` a multiple (2倍).
 */
export const KindSchema = z.enum([
  'count',
  'money',
  'percent',
  'points',
  'permille',
  'rank',
  'area',
  'rate',
  'index',
  'score',
  'multiple',
]);
export const QualifierSchema = z.enum(['~', '>', '>=', '<', '<=']).nullable();
/** Whose figure it is: the country, a province, a city, a district or county, or one enterprise. */
export const LevelSchema = z.enum(['national', 'provincial', 'city', 'district', 'enterprise']);

export const PeriodSchema = z.object({
  label: z.string(),
  /** ISO date (YYYY-MM-DD) or null when open or unknown. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const IndicatorSchema = z.object({
  /** Catalogue id (config/metrics.yaml); null when no metric fits the figure's kind and subject. */
  metric: z.string().nullable(),
  /** The metric's dimension value (工业产品, 国家级, 全省 for a rank's scope…), Simplified. */
  subject: z.string().nullable(),
  /** What the figure is about, cut from the page in its own script. */
  label: z.string(),
  labelSimplified: z.string(),
  /** In `unit`: the metric's canonical unit when `metric` is set, else the normalised written unit. */
  value: z.number(),
  unit: z.string(),
  kind: KindSchema,
  /** The figure exactly as the page writes it (近15億元, 2 975家). */
  written: z.string(),
  qualifier: QualifierSchema,
  /** A hedged figure (约, 近, 左右, 多, 余…), as opposed to an exact one or a stated bound (以上). */
  approx: z.boolean(),
  /** A difference from a reference (同比增长, 较上年提高, 高于全国平均): the sign is carried by `value`. */
  change: z.boolean(),
  /** A goal (到2025年…达到), not a result. */
  target: z.boolean(),
  level: LevelSchema,
  /** Canonical city (with 市) for city, district and enterprise figures; null for national and provincial ones. */
  city: z.string().nullable(),
  period: PeriodSchema.nullable(),
  /** The date the figure describes the state at: 截至 date, the end of a closed period, else the publish date. */
  asOf: isoDate.nullable(),
  /** The sentence the figure is in, with its offsets in the normalised text. */
  evidence: z.object({ sentence: z.string(), start: z.number().int(), end: z.number().int() }),
});

export type Indicator = z.infer<typeof IndicatorSchema>;
export type Kind = z.infer<typeof KindSchema>;
export type Qualifier = z.infer<typeof QualifierSchema>;
export type Level = z.infer<typeof LevelSchema>;
export type Period = z.infer<typeof PeriodSchema>;

export const ExtractInputSchema = z.object({
  text: z.string(),
  simplified: z.string(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  /** The article's source line (来源: 广州日报): a publisher, never by itself the subject. */
  source: z.string().nullable(),
  /** The configured source's city (or "city + district"), used when the text itself names none. */
  defaultCity: z.string().optional(),
});
export type ExtractInput = z.infer<typeof ExtractInputSchema>;
