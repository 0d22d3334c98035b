import type { TidyRow } from '../export/index.js';

/** The latest figure of one metric for one city, with where it was said. */
export interface LatestCell {
  metric: string;
  metricZh: string | null;
  metricEn: string | null;
  value: number;
  unit: string;
  qualifier: string | null;
  asOf: string;
  periodLabel: string | null;
  publishedAt: string | null;
  source: string | null;
  title: string | null;
  url: string;
}

export interface Series {
  /** The city, with the unit when the metric is reported in more than one. */
  name: string;
  /** [as-of day, value], oldest first. */
  points: [string, number][];
}

export interface Chart {
  metric: string;
  metricZh: string | null;
  metricEn: string | null;
  /** The unit when all series share one, else null (each series then names its own). */
  unit: string | null;
  /** Distinct as-of days across all series: a chart is drawn only from two on. */
  periods: number;
  series: Series[];
}

export interface ReportModel {
  generatedAt: string;
  database: string;
  /** Rows read, and rows that went into the tables and charts. */
  rows: number;
  used: number;
  cities: { city: string; latest: LatestCell[] }[];
  charts: Chart[];
}

interface Point {
  value: number;
  published: number;
}

/** Newer figure first: later as-of day, then later publication. */
function newer(a: TidyRow, b: TidyRow): boolean {
  if (a.asOf !== b.asOf) return (a.asOf ?? '') > (b.asOf ?? '');
  return (a.publishedAt?.getTime() ?? 0) > (b.publishedAt?.getTime() ?? 0);
}

/**
 * Folds tidy rows (duplicates already left out) into the report: per city the newest figure of each
 * metric, and per metric a time series per city by as-of day. Rows without a metric, city or as-of
 * day, and changes or targets (not levels), are left out. Memory grows with cities × metrics × days,
 * not with rows.
 */
export async function buildReport(
  rows: AsyncIterable<TidyRow>,
  meta: { database: string; now?: Date },
): Promise<ReportModel> {
  const latest = new Map<string, Map<string, TidyRow>>(); // city → metric → row
  const series = new Map<string, Map<string, Map<string, Map<string, Point>>>>(); // metric → unit → city → day
  const names = new Map<string, Pick<TidyRow, 'metricZh' | 'metricEn'>>();
  let total = 0;
  let used = 0;
  for await (const r of rows) {
    total++;
    if (!r.metric || !r.city || !r.asOf || r.value === null || r.unit === null) continue;
    if (r.change === true || r.target === true) continue;
    used++;
    names.set(r.metric, { metricZh: r.metricZh, metricEn: r.metricEn });
    const byMetric = latest.get(r.city) ?? latest.set(r.city, new Map()).get(r.city)!;
    const held = byMetric.get(r.metric);
    if (!held || newer(r, held)) byMetric.set(r.metric, r);

    const units = series.get(r.metric) ?? series.set(r.metric, new Map()).get(r.metric)!;
    const cities = units.get(r.unit) ?? units.set(r.unit, new Map()).get(r.unit)!;
    const days = cities.get(r.city) ?? cities.set(r.city, new Map()).get(r.city)!;
    const published = r.publishedAt?.getTime() ?? 0;
    const point = days.get(r.asOf);
    // Two documents giving the same day's figure: the later publication wins (a correction).
    if (!point || published > point.published) days.set(r.asOf, { value: r.value, published });
  }

  const byName = (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');
  const charts: Chart[] = [];
  for (const metric of [...series.keys()].sort()) {
    const units = series.get(metric)!;
    const days = new Set<string>();
    const out: Series[] = [];
    for (const [unit, cities] of units) {
      for (const city of [...cities.keys()].sort(byName)) {
        const points = [...cities.get(city)!]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([day, p]): [string, number] => [day, p.value]);
        for (const [day] of points) days.add(day);
        out.push({ name: units.size > 1 ? `${city} (${unit})` : city, points });
      }
    }
    if (days.size < 2) continue;
    charts.push({
      metric,
      ...names.get(metric)!,
      unit: units.size === 1 ? [...units.keys()][0]! : null,
      periods: days.size,
      series: out,
    });
  }

  return {
    generatedAt: (meta.now ?? new Date()).toISOString(),
    database: meta.database,
    rows: total,
    used,
    cities: [...latest.keys()].sort(byName).map((city) => ({
      city,
      latest: [...latest.get(city)!.values()]
        .sort((a, b) => a.metric!.localeCompare(b.metric!))
        .map((r) => ({
          metric: r.metric!,
          metricZh: r.metricZh,
          metricEn: r.metricEn,
          value: r.value!,
          unit: r.unit!,
          qualifier: r.qualifier,
          asOf: r.asOf!,
          periodLabel: r.periodLabel,
          publishedAt: r.publishedAt?.toISOString() ?? null,
          source: r.source ?? r.sourceId,
          title: r.title,
          url: r.url!,
        })),
    })),
    charts,
  };
}
