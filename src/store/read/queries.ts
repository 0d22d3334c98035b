import type { Db, Document } from 'mongodb';

/**
 * The example queries of docs/data-model.md, by name, for `qcity query`: the same filters, stages
 * and sort orders as the mongosh blocks there (a test holds the two to the same answers), with the
 * literals as parameters. Standard operators only, in forms FerretDB 1.24 runs: no `$lookup`,
 * no `$first`/`$max`/`$push` accumulators, no expressions such as `$year` or `$size` inside
 * `$project`, no field paths on the right of `$project`/`$addFields` (FerretDB returns the string).
 */
export interface QueryParams {
  metric: string;
  city: string;
  url: string;
  /** Look-back window; each query has its own default. */
  days?: number;
  year: number;
}

export const QUERY_DEFAULTS: QueryParams = {
  metric: 'sampling.pass_rate',
  city: '柳州市',
  url: 'http://scjgj.liuzhou.gov.cn/xxgk/jcxxgk/jyta/202405/t20240501_1.shtml',
  year: 2024,
};

export type Row = Record<string, unknown>;

export interface NamedQuery {
  name: string;
  description: string;
  params: (keyof QueryParams)[];
  run(db: Db, p: QueryParams): Promise<Row[]>;
}

const DAY_MS = 24 * 3600 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** The first row of each run of equal `key` values: "latest per group" from rows sorted newest first. */
function firstPer(key: string, rows: Row[]): Row[] {
  return rows.filter((r, i) => i === 0 || rows[i - 1]![key] !== r[key]);
}

const aggregate = (db: Db, collection: string, pipeline: Document[]) =>
  db.collection(collection).aggregate<Row>(pipeline).toArray();

export const QUERIES: NamedQuery[] = [
  {
    name: 'latest-by-city',
    description: 'latest figure of a metric per city (--metric)',
    params: ['metric'],
    run: async (db, p) =>
      firstPer(
        'city',
        await aggregate(db, 'indicators', [
          { $match: { metric: p.metric, city: { $ne: null }, nearDuplicateOf: null } },
          { $sort: { city: 1, publishedAt: -1, documentId: 1, index: 1 } },
          { $project: { _id: 0, city: 1, value: 1, unit: 1, written: 1, publishedAt: 1, url: 1 } },
        ]),
      ),
  },
  {
    name: 'versions-of-url',
    description: 'every version of one URL, oldest first, with what changed (--url)',
    params: ['url'],
    run: (db, p) =>
      aggregate(db, 'versions', [
        { $match: { url: p.url } },
        { $sort: { version: 1 } },
        { $project: { _id: 0, version: 1, seenAt: 1, contentHash: 1, changed: 1, title: 1 } },
      ]),
  },
  {
    name: 'metric-over-time',
    description: 'one metric over time for one city (--metric, --city)',
    params: ['metric', 'city'],
    run: (db, p) =>
      db
        .collection('indicators')
        .find(
          { metric: p.metric, city: p.city, nearDuplicateOf: null },
          { projection: { _id: 0, publishedAt: 1, value: 1, unit: 1, written: 1, url: 1 } },
        )
        .sort({ publishedAt: 1, documentId: 1, index: 1 })
        .toArray(),
  },
  {
    name: 'changed-this-week',
    description: 'documents whose content changed in the last days (--days, default 7), newest first',
    params: ['days'],
    run: (db, p) =>
      db
        .collection('documents')
        .find(
          { changedAt: { $gte: daysAgo(p.days ?? 7) } },
          { projection: { _id: 0, changedAt: 1, version: 1, url: 1, title: 1 } },
        )
        .sort({ changedAt: -1, url: 1 })
        .toArray(),
  },
  {
    name: 'errors-by-code',
    description: 'failures of the last days by code (--days, default 7), most frequent first',
    params: ['days'],
    run: (db, p) =>
      aggregate(db, 'errors', [
        { $match: { at: { $gte: daysAgo(p.days ?? 7) }, skipped: false } },
        { $group: { _id: '$code', n: { $sum: 1 } } },
        { $sort: { n: -1, _id: 1 } },
      ]),
  },
  {
    name: 'exact-duplicates',
    description: 'articles republished under another URL, and the document they copy',
    params: [],
    run: (db) =>
      db
        .collection('documents')
        .find({ duplicateOf: { $ne: null } }, { projection: { _id: 1, url: 1, duplicateOf: 1, title: 1 } })
        .sort({ url: 1 })
        .toArray(),
  },
  {
    name: 'rows-per-city',
    description: 'indicator rows per city and metric, duplicates not counted',
    params: [],
    run: (db) =>
      aggregate(db, 'indicators', [
        { $match: { nearDuplicateOf: null } },
        { $group: { _id: { city: '$city', metric: '$metric' }, rows: { $sum: 1 } } },
        { $sort: { rows: -1, _id: 1 } },
      ]),
  },
  {
    name: 'rows-in-year',
    description: 'indicator rows per metric in documents published in one year (--year), China time',
    params: ['year'],
    run: (db, p) =>
      aggregate(db, 'indicators', [
        {
          $match: {
            nearDuplicateOf: null,
            publishedAt: {
              $gte: new Date(`${p.year}-01-01T00:00:00+08:00`),
              $lt: new Date(`${p.year + 1}-01-01T00:00:00+08:00`),
            },
          },
        },
        { $group: { _id: '$metric', rows: { $sum: 1 } } },
        { $sort: { rows: -1, _id: 1 } },
      ]),
  },
  {
    name: 'documents-without-indicators',
    description: 'current documents in which no figure was found',
    params: [],
    run: (db) =>
      db
        .collection('documents')
        .find({ indicators: { $size: 0 } }, { projection: { _id: 0, url: 1, title: 1, publishedAt: 1 } })
        .sort({ url: 1 })
        .toArray(),
  },
  {
    name: 'stale-pages',
    description: 'pages not seen for some days (--days, default 30), oldest first',
    params: ['days'],
    run: (db, p) =>
      db
        .collection('pages')
        .find(
          { seenAt: { $lt: daysAgo(p.days ?? 30) } },
          { projection: { _id: 0, seenAt: 1, status: 1, sourceId: 1, url: 1 } },
        )
        .sort({ seenAt: 1 })
        .toArray(),
  },
  {
    name: 'metrics',
    description: 'the metric catalogue: id, names, canonical unit, definition',
    params: [],
    run: (db) => db.collection('metrics').find({}).sort({ _id: 1 }).toArray(),
  },
];

export function findQuery(name: string): NamedQuery | undefined {
  return QUERIES.find((q) => q.name === name);
}

export function runQuery(db: Db, name: string, params: Partial<QueryParams> = {}): Promise<Row[]> {
  const q = findQuery(name);
  if (!q) throw new Error(`no query named ${name}; known: ${QUERIES.map((x) => x.name).join(', ')}`);
  return q.run(db, { ...QUERY_DEFAULTS, ...params });
}
