import { z } from 'zod';

export const KindSchema = z.enum(['count', 'money', 'percent', 'rank', 'area', 'rate', 'other']);
export const QualifierSchema = z.enum(['~', '>', '>=', '<', '<=']).nullable();
export const LevelSchema = z.enum(['national', 'provincial', 'municipal']).nullable();

export const PeriodSchema = z.object({
  label: z.string(),
  /** ISO date (YYYY-MM-DD) or null when open or unknown. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const IndicatorSchema = z.object({
  metric: z.string().nullable(),
  label: z.string(),
  value: z.number(),
  unit: z.string(),
  kind: KindSchema,
  written: z.string(),
  qualifier: QualifierSchema,
  level: LevelSchema,
  city: z.string().nullable(),
  period: PeriodSchema.nullable(),
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
  source: z.string().nullable(),
  defaultCity: z.string().optional(),
});
export type ExtractInput = z.infer<typeof ExtractInputSchema>;
