import { alignedSimplified } from '../normalise/index.js';
import type { CurrentIndicator } from '../store/read/current-indicators.js';
import { figureCity } from '../store/read/figure-city.js';
import type { MetricDoc } from '../store/types.js';

/** Column types, as every format writes them: CSV and JSONL as text/JSON, Parquet as typed columns. */
export type ColumnType = 'string' | 'float' | 'int' | 'bool' | 'timestamp' | 'date';

/** The export's columns, in order: one definition for the CSV header, the JSONL keys and the Parquet schema. */
export const COLUMNS = [
  ['documentId', 'string'],
  ['version', 'int'],
  ['index', 'int'],
  ['url', 'string'],
  ['title', 'string'],
  ['sourceId', 'string'],
  ['source', 'string'],
  ['publishedAt', 'timestamp'],
  ['asOf', 'date'],
  ['city', 'string'],
  ['level', 'string'],
  ['metric', 'string'],
  ['metricZh', 'string'],
  ['metricEn', 'string'],
  ['subject', 'string'],
  ['label', 'string'],
  ['labelSimplified', 'string'],
  ['value', 'float'],
  ['unit', 'string'],
  ['kind', 'string'],
  ['written', 'string'],
  ['qualifier', 'string'],
  ['approx', 'bool'],
  ['change', 'bool'],
  ['target', 'bool'],
  ['periodLabel', 'string'],
  ['periodFrom', 'date'],
  ['periodTo', 'date'],
  ['evidence', 'string'],
  ['contentHash', 'string'],
  ['duplicateOf', 'string'],
  ['nearDuplicateOf', 'string'],
] as const satisfies ReadonlyArray<readonly [string, ColumnType]>;

export type ColumnName = (typeof COLUMNS)[number][0];
export const COLUMN_NAMES: ColumnName[] = COLUMNS.map(([name]) => name);

type ValueOf<T extends ColumnType> = T extends 'string' | 'date'
  ? string // dates as YYYY-MM-DD
  : T extends 'float' | 'int'
    ? number
    : T extends 'bool'
      ? boolean
      : Date;

/** One indicator of a current version, flat: what analysts load into a spreadsheet or a data frame. */
export type TidyRow = { [C in (typeof COLUMNS)[number] as C[0]]: ValueOf<C[1]> | null };

/**
 * Rows stored before the row contract gained subject, labelSimplified, approx, change, target and
 * asOf (and before `municipal` became `city`) are still in older databases: those fields may be
 * missing there, and each is derived below or left null.
 */
type StoredIndicator = Omit<
  CurrentIndicator['indicator'],
  'subject' | 'labelSimplified' | 'approx' | 'change' | 'target' | 'asOf' | 'level'
> &
  Partial<
    Pick<
      CurrentIndicator['indicator'],
      'subject' | 'labelSimplified' | 'approx' | 'change' | 'target' | 'asOf'
    >
  > & {
    level: string | null;
  };

/** Levels as stored before the level names settled. */
const LEVEL_NAMES: Record<string, string> = { municipal: 'city' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (s: string | null | undefined): string | null => (s && DAY.test(s) ? s : null);

/** The calendar day in China (UTC+8 all year; no daylight saving since 1991). */
export function chinaDay(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * The day the figure holds as of: the end of its period when that has passed by publication, else
 * the publication day (a figure stated for a period still running, or a target, is as of when it was said).
 */
function derivedAsOf(periodTo: string | null, publishedAt: Date | null): string | null {
  const published = publishedAt ? chinaDay(publishedAt) : null;
  if (periodTo && (!published || periodTo <= published)) return periodTo;
  return published;
}

export function tidyRow(src: CurrentIndicator, metrics: ReadonlyMap<string, MetricDoc>): TidyRow {
  const { document: d, index } = src;
  const ind: StoredIndicator = src.indicator;
  const metric = ind.metric ? metrics.get(ind.metric) : undefined;
  const periodTo = day(ind.period?.to);
  return {
    documentId: d._id,
    version: d.version,
    index,
    url: d.url,
    title: d.title,
    sourceId: d.sourceId,
    source: d.source ?? null,
    publishedAt: d.publishedAt ?? null,
    asOf: ind.asOf !== undefined ? day(ind.asOf) : derivedAsOf(periodTo, d.publishedAt ?? null),
    city: figureCity(src.indicator, d.city ?? null),
    level: ind.level ? (LEVEL_NAMES[ind.level] ?? ind.level) : null,
    metric: ind.metric ?? null,
    metricZh: metric?.name.zh ?? null,
    metricEn: metric?.name.en ?? null,
    subject: ind.subject ?? null,
    label: ind.label,
    labelSimplified:
      ind.labelSimplified ?? (d.script === 'simplified' ? ind.label : alignedSimplified(ind.label)),
    value: ind.value,
    unit: ind.unit,
    kind: ind.kind ?? null,
    written: ind.written ?? null,
    qualifier: ind.qualifier ?? null,
    approx: ind.approx ?? ind.qualifier === '~',
    change: ind.change ?? null,
    target: ind.target ?? null,
    periodLabel: ind.period?.label ?? null,
    periodFrom: day(ind.period?.from),
    periodTo,
    evidence: ind.evidence.sentence,
    contentHash: d.contentHash,
    duplicateOf: d.duplicateOf ?? null,
    nearDuplicateOf: d.nearDuplicateOf ?? null,
  };
}
