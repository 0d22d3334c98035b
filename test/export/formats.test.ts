import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COLUMN_NAMES, type TidyRow, writeRows } from '../../src/export/index.js';
import { csvRows, parquetRows, parquetSchema } from './read-back.js';

function row(over: Partial<TidyRow>): TidyRow {
  const base = Object.fromEntries(COLUMN_NAMES.map((c) => [c, null])) as TidyRow;
  return {
    ...base,
    documentId: '8ebbfd1a79d6f748',
    version: 2,
    index: 0,
    url: 'http://scjgj.liuzhou.gov.cn/xxgk/t20240501_1.shtml',
    title: '柳州市2023年产品质量监督抽查情况',
    sourceId: 'liuzhou-scjgj',
    publishedAt: new Date('2024-05-01T01:00:00.000Z'),
    asOf: '2023-12-31',
    city: '柳州市',
    metric: 'sampling.pass_rate',
    label: '抽查合格率',
    value: 96.6,
    unit: '%',
    approx: false,
    periodFrom: '2023-01-01',
    periodTo: '2023-12-31',
    evidence: '全年抽查合格率96.6%。',
    contentHash: '39b906d85c01dde6',
    ...over,
  };
}

async function bytesOf(rows: TidyRow[], format: 'csv' | 'jsonl' | 'parquet'): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  async function* gen() {
    yield* rows;
  }
  const n = await writeRows(gen(), format, sink);
  expect(n).toBe(rows.length);
  return Buffer.concat(chunks);
}

const awkward = [
  row({}),
  // what crawled text holds: commas, quotes, line breaks, a leading =, Traditional script
  row({
    index: 1,
    title: '質量強市, "品牌"\n第二行',
    label: '檢驗檢測機構',
    labelSimplified: '检验检测机构',
    evidence: '共有5家，"国家级"检验检测机构；\r\n另有=SUM(A1)',
    value: 5,
    unit: '家',
    approx: true,
    qualifier: '~',
    publishedAt: null,
    asOf: null,
    periodFrom: null,
    periodTo: null,
    change: true,
    target: false,
  }),
  row({ index: 2, metric: null, city: null, level: 'city', value: 1e-7 }),
];

describe('export formats', () => {
  it('CSV: UTF-8 with BOM, CRLF, header in column order, awkward text quoted and read back intact', async () => {
    const csv = await bytesOf(awkward, 'csv');
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text.slice(1, text.indexOf('\r\n')).split(',')).toEqual(COLUMN_NAMES);
    const back = csvRows(csv);
    expect(back).toHaveLength(3);
    expect(back[1]!.title).toBe('質量強市, "品牌"\n第二行');
    expect(back[1]!.evidence).toBe('共有5家，"国家级"检验检测机构；\r\n另有=SUM(A1)');
    expect(back[1]!.approx).toBe('true');
    expect(back[1]!.publishedAt).toBe('');
    expect(back[0]!.publishedAt).toBe('2024-05-01T01:00:00.000Z');
    expect(back[2]!.value).toBe('1e-7');
    expect(Number(back[2]!.value)).toBe(1e-7);
  });

  it('JSONL: one typed object per line', async () => {
    const lines = (await bytesOf(awkward, 'jsonl')).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const second = JSON.parse(lines[1]!);
    expect(Object.keys(second)).toEqual(COLUMN_NAMES);
    expect(second).toMatchObject({
      value: 5,
      approx: true,
      publishedAt: null,
      title: '質量強市, "品牌"\n第二行',
    });
    expect(JSON.parse(lines[0]!).publishedAt).toBe('2024-05-01T01:00:00.000Z');
  });

  it('Parquet: typed columns that read back with parquet-wasm to the same rows as the CSV', async () => {
    const pq = await bytesOf(awkward, 'parquet');
    expect(pq.subarray(0, 4).toString()).toBe('PAR1');
    expect(parquetRows(pq)).toEqual(csvRows(await bytesOf(awkward, 'csv')));
    expect(parquetSchema(pq)).toMatchObject({
      value: 'Float64',
      version: 'Int32',
      approx: 'Bool',
      publishedAt: 'Timestamp<MILLISECOND, UTC>',
      asOf: 'Date32<DAY>',
      title: 'Utf8',
    });
  });

  it('Parquet: many row groups stream out and come back in order; no rows still gives a schema', async () => {
    const many = Array.from({ length: 25_001 }, (_, i) => row({ index: i, value: i / 10 }));
    const back = parquetRows(await bytesOf(many, 'parquet'));
    expect(back).toHaveLength(25_001);
    expect(back.map((r) => Number(r.index))).toEqual(many.map((r) => r.index));
    expect(back[25_000]!.value).toBe('2500');
    const empty = await bytesOf([], 'parquet');
    expect(parquetRows(empty)).toEqual([]);
    expect(Object.keys(parquetSchema(empty))).toEqual(COLUMN_NAMES);
  });
});
