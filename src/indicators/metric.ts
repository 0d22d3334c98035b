import type { Catalogue, CompiledMetric } from './catalogue.js';
import type { Kind } from './schema.js';

export interface Figure {
  /** Simplified label, the phrase around the number, its whole clause, and the sentence. */
  label: string;
  clause: string;
  wide: string;
  /** Its clause up to the next figure (what `not` reads beside the label). */
  rest: string;
  sentence: string;
  /** The figure as written (2497批次): its own measure word names no metric. */
  written?: string;
  kind: Kind;
  unit: string;
}

/** Metrics a figure of this kind and written unit may belong to (derived change metrics excluded). */
function fitting(c: Catalogue, kind: Kind, unit: string): CompiledMetric[] {
  return c.metrics.filter((m) => !m.base && m.kind === kind && (m.unit === unit || m.accepts.includes(unit)));
}

/** `not` reads the label and the figure's clause up to the next figure (220项产品标准成为“标准领跑者”). */
export const allowed = (m: CompiledMetric, f: Pick<Figure, 'label' | 'rest' | 'sentence'>) =>
  !(m.notRe?.test(f.label) || m.notRe?.test(f.rest) || false) && (m.contextRe?.test(f.sentence) ?? true);

export type Tier = 'label' | 'clause' | 'wide';

/**
 * The catalogue metric a figure belongs to: the label decides when it can, then the phrase around the
 * number, then its whole clause (授予…等9家组织…第四届中国质量奖). `tier` tells which decided.
 */
export function attributeMetric(c: Catalogue, f: Figure): { metric: CompiledMetric; tier: Tier } | null {
  const candidates = fitting(c, f.kind, f.unit).filter((m) => allowed(m, f));
  // 合格2394家企业的2497批次: a count's own measure word (批次) says nothing of what was counted
  const own = (text: string) => (f.written && f.kind === 'count' ? text.replace(f.written, '\u3000') : text);
  for (const tier of ['label', 'clause', 'wide'] as const) {
    const hit = candidates.find((m) => m.re.test(own(f[tier])));
    if (hit) return { metric: hit, tier };
  }
  return null;
}

/** Whether `metric` can hold a figure of this kind and unit (for a figure inheriting a metric). */
export function fits(metric: CompiledMetric, kind: Kind, unit: string): boolean {
  return metric.kind === kind && (metric.unit === unit || metric.accepts.includes(unit));
}

/**
 * The metric of a change: the base metric itself when the change is in its unit (增加182批次),
 * `<id>.growth` for a change in percent, `<id>.change` for percentage points of a rate.
 */
export function changeMetric(
  c: Catalogue,
  base: CompiledMetric,
  kind: Kind,
  unit: string,
): CompiledMetric | null {
  // a rate's change in percent (合格率同比增长0.05%) is relative: the growth metric, never the rate itself
  if (fits(base, kind, unit) && !(base.base === null && base.kind === 'percent')) return base;
  const id = base.base ?? base.id;
  if (kind === 'percent') return c.byId.get(`${id}.growth`) ?? null;
  if (kind === 'points') return c.byId.get(`${id}.change`) ?? null;
  return null;
}

/** The row's subject: the first value of the metric's dimensions found in the label, then the other texts. */
export function subjectOf(c: Catalogue, metric: CompiledMetric, texts: string[]): string | null {
  for (const text of texts) {
    for (const d of metric.dimensions) {
      const hit = c.dimensions.get(d)?.find((v) => v.re.test(text));
      if (hit) return hit.value;
    }
  }
  return null;
}
