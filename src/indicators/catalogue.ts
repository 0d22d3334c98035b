import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { regexString } from '../config/schema.js';
import { KindSchema, LevelSchema } from './schema.js';

export const MetricSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/, 'dotted lower-case key'),
  name: z.string().min(1),
  /** Tested against the label first, then the clause; the first metric that matches wins. */
  pattern: regexString,
  kinds: z.array(KindSchema).min(1),
  /** When set, the metric is only for these units and is tried before any other (届 → editions). */
  units: z.array(z.string()).optional(),
  /** Level implied by the metric itself (市长质量奖 is municipal) when the label names none. */
  level: LevelSchema.optional(),
});
export const CatalogueSchema = z.object({ metrics: z.array(MetricSchema).min(1) });
export type Metric = z.infer<typeof MetricSchema>;

const CityEntrySchema = z.object({
  name: z.string().regex(/市$/, 'canonical name ends in 市'),
  province: z.string(),
  /** Traditional spelling(s) of the name without 市. */
  traditional: z.array(z.string()).default([]),
  aliases: z.array(z.string()).default([]),
});
export const GazetteerSchema = z.object({ cities: z.array(CityEntrySchema).min(1) });
export type CityEntry = z.infer<typeof CityEntrySchema>;

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root from src/indicators or dist/src/indicators. */
const root = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');

function loadYaml<T>(file: string, schema: z.ZodType<T>): T {
  const full = path.join(root, 'config', file);
  const parsed = schema.safeParse(YAML.parse(readFileSync(full, 'utf8')));
  if (!parsed.success) throw new Error(`${full}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let metrics: (Metric & { re: RegExp })[] | undefined;
let cities: CityEntry[] | undefined;

/** The metric catalogue, read and validated once. */
export function metricCatalogue(): (Metric & { re: RegExp })[] {
  metrics ??= loadYaml('metrics.yaml', CatalogueSchema).metrics.map((m) => ({
    ...m,
    re: new RegExp(m.pattern, 'u'),
  }));
  return metrics;
}

export function gazetteer(): CityEntry[] {
  cities ??= loadYaml('cities.yaml', GazetteerSchema).cities;
  return cities;
}
