import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import { compileLinear, linearPattern, type Pattern } from '../config/patterns.js';
import { strictObject as strict } from '../config/schema.js';
import { KindSchema } from './schema.js';

/* ----------------------------------------------------------------------------------------------
 * config/metrics.yaml: the metric catalogue
 * -------------------------------------------------------------------------------------------- */

const DimensionValueSchema = strict({ value: z.string().min(1), pattern: linearPattern });

export const MetricSchema = strict({
  id: z.string().regex(/^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*$/, 'dotted lower-case id'),
  name: strict({ zh: z.string().min(1), en: z.string().min(1) }),
  /** The one unit every row of this metric is stored in. */
  unit: z.string().min(1),
  kind: KindSchema,
  definition: z.string().min(1),
  /** Other written units that count the same thing (个 for 家 of institutions), converted 1:1. */
  accepts: z.array(z.string()).default([]),
  /** Tested against the label, then the clause; the first metric that matches (and fits the unit) wins. */
  match: linearPattern,
  /** The figure is not this metric when its clause matches (专利…荣获…奖 is an award, not a grant). */
  not: linearPattern.optional(),
  /** The sentence must match (奖励100万元 is prize money only in a sentence about a quality award). */
  context: linearPattern.optional(),
  /** Dimensions (from `dimensions`) whose value becomes the row's `subject`, tried in order. */
  dimensions: z.array(z.string()).default([]),
});

export const CatalogueSchema = strict({
  dimensions: z.record(z.string(), z.array(DimensionValueSchema).min(1)).default({}),
  metrics: z.array(MetricSchema).min(1),
}).superRefine((c, ctx) => {
  const seen = new Set<string>();
  c.metrics.forEach((m, i) => {
    if (seen.has(m.id))
      ctx.addIssue({ code: 'custom', path: ['metrics', i, 'id'], message: `duplicate id ${m.id}` });
    seen.add(m.id);
    m.dimensions.forEach((d, j) => {
      if (!c.dimensions[d])
        ctx.addIssue({
          code: 'custom',
          path: ['metrics', i, 'dimensions', j],
          message: `unknown dimension ${d}`,
        });
    });
  });
});
export type Metric = z.infer<typeof MetricSchema>;
export type CatalogueFile = z.infer<typeof CatalogueSchema>;

export interface CompiledMetric extends Metric {
  re: Pattern;
  notRe: Pattern | null;
  contextRe: Pattern | null;
  /** For a derived metric (`<id>.growth`, `<id>.change`): the metric it measures the change of. */
  base: string | null;
}
export interface Catalogue {
  metrics: CompiledMetric[];
  byId: Map<string, CompiledMetric>;
  dimensions: Map<string, { value: string; re: Pattern }[]>;
}

/** Kinds whose change is written in their own unit by a difference (提高0.5分) as well as in percent. */
const RATE_KINDS = new Set(['percent', 'permille']);

/**
 * Every metric also gets the metrics of its changes, so a change never lands in a metric of
 * another unit: `<id>.growth` (relative change, %) for all, `<id>.change` (percentage points) for
 * rates. A change written in the metric's own unit (比去年增加182批次) stays in the metric itself.
 */
function derived(m: Metric): Metric[] {
  const growth: Metric = {
    ...m,
    id: `${m.id}.growth`,
    name: { zh: `${m.name.zh}增速`, en: `Growth of ${m.name.en.toLowerCase()}` },
    unit: '%',
    kind: 'percent',
    accepts: [],
    definition: `Relative change of ${m.name.en.toLowerCase()} against a reference (same period a year before unless stated), in percent.`,
  };
  if (!RATE_KINDS.has(m.kind)) return [growth];
  const change: Metric = {
    ...m,
    id: `${m.id}.change`,
    name: { zh: `${m.name.zh}变化`, en: `Change in ${m.name.en.toLowerCase()}` },
    unit: '百分点',
    kind: 'points',
    accepts: [],
    definition: `Difference of ${m.name.en.toLowerCase()} from a reference (a year before, or a wider area's average), in percentage points.`,
  };
  return [growth, change];
}

/** Validate a catalogue (YAML text or an already parsed object) and compile its patterns. */
export function parseCatalogue(input: string | unknown, where = 'metrics.yaml'): Catalogue {
  const raw = typeof input === 'string' ? YAML.parse(input) : input;
  const parsed = CatalogueSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
  const metrics: CompiledMetric[] = [];
  for (const m of parsed.data.metrics) {
    for (const [i, x] of [m, ...derived(m)].entries()) {
      metrics.push({
        ...x,
        re: compileLinear(x.match),
        notRe: x.not ? compileLinear(x.not) : null,
        contextRe: x.context ? compileLinear(x.context) : null,
        base: i === 0 ? null : m.id,
      });
    }
  }
  const dimensions = new Map(
    Object.entries(parsed.data.dimensions).map(([k, vs]) => [
      k,
      vs.map((v) => ({ value: v.value, re: compileLinear(v.pattern) })),
    ]),
  );
  return { metrics, byId: new Map(metrics.map((m) => [m.id, m])), dimensions };
}

/* ----------------------------------------------------------------------------------------------
 * config/cities.yaml: the gazetteer
 * -------------------------------------------------------------------------------------------- */

const ProvinceSchema = strict({ name: z.string().min(2), short: z.string().min(2) });
const CityEntrySchema = strict({
  name: z.string().regex(/(?:市|州|地区|盟)$/, 'canonical name ends in 市, 州, 地区 or 盟'),
  /** The bare form texts write (柳州); absent when it is an everyday word (大同, 安康). */
  short: z.string().min(2).optional(),
  province: z.string(),
  districts: z.array(z.string()).default([]),
  aliases: z.array(z.string()).default([]),
});
export const GazetteerSchema = strict({
  provinces: z.array(ProvinceSchema).min(1),
  cities: z.array(CityEntrySchema).min(1),
}).superRefine((g, ctx) => {
  const provinces = new Set(g.provinces.map((p) => p.name));
  g.cities.forEach((c, i) => {
    if (!provinces.has(c.province))
      ctx.addIssue({
        code: 'custom',
        path: ['cities', i, 'province'],
        message: `unknown province ${c.province}`,
      });
  });
});
export type Gazetteer = z.infer<typeof GazetteerSchema>;
export type CityEntry = Gazetteer['cities'][number];

export function parseGazetteer(input: string | unknown, where = 'cities.yaml'): Gazetteer {
  const raw = typeof input === 'string' ? YAML.parse(input) : input;
  const parsed = GazetteerSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${where}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/* ----------------------------------------------------------------------------------------------
 * Loading from a config directory (default: the repository's config/)
 * -------------------------------------------------------------------------------------------- */

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root from src/indicators or dist/src/indicators. */
const root = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
export const DEFAULT_CONFIG_DIR = path.join(root, 'config');

export function loadCatalogue(dir = DEFAULT_CONFIG_DIR): Catalogue {
  const file = path.join(dir, 'metrics.yaml');
  return parseCatalogue(readFileSync(file, 'utf8'), file);
}

export function loadGazetteer(dir = DEFAULT_CONFIG_DIR): Gazetteer {
  const file = path.join(dir, 'cities.yaml');
  return parseGazetteer(readFileSync(file, 'utf8'), file);
}

let catalogue: Catalogue | undefined;
let gazetteer: Gazetteer | undefined;

/** The repository's catalogue, read and validated once (callers with their own config pass theirs). */
export function metricCatalogue(): Catalogue {
  catalogue ??= loadCatalogue();
  return catalogue;
}

export function defaultGazetteer(): Gazetteer {
  gazetteer ??= loadGazetteer();
  return gazetteer;
}
