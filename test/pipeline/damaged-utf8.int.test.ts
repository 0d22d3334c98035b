import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceSchema } from '../../src/config/schema.js';
import { processPage } from '../../src/pipeline/index.js';
import { canonicalUrl } from '../../src/url/index.js';
import { startServer, type TestServer } from '../fetch/helpers.js';
import { fixtureConfig, pipelineFor, type TestPipeline } from './helpers.js';

const TITLE = '柳州市质量强市工作取得新成效';
const paragraphs = readFileSync(new URL('../../seeds/000_39b906d85c01dde6.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l.length > 100)
  .slice(0, 3);
/** Issue 16's damage: lone bytes, a truncated sequence, a surrogate and a 5-byte form (12 replacements). */
const DAMAGE = Buffer.from('fffec328e282eda080f888808080', 'hex');

/** Declared UTF-8 in the header and a meta; three paragraphs, one damaged run in each. */
const body = Buffer.concat([
  Buffer.from(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${TITLE}</title></head><body><div class="article"><h1>${TITLE}</h1>`,
  ),
  ...paragraphs.flatMap((p) => [Buffer.from(`<p>${p}`), DAMAGE, Buffer.from('</p>')]),
  Buffer.from('</div></body></html>'),
]);

let server: TestServer;
let ctx: TestPipeline;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  const source = SourceSchema.parse({ id: 'damaged', name: 'damaged UTF-8', allowedHosts: [server.host] });
  ctx = await pipelineFor(fixtureConfig([source]));
});

afterAll(async () => {
  await ctx?.store.db.dropDatabase();
  await ctx?.close();
  await server?.close();
});

describe('a declared UTF-8 page with a few invalid byte sequences', () => {
  it('is stored as UTF-8 (no windows-1252 mojibake) with the replacements counted on its pages row', async () => {
    const res = await processPage(
      ctx,
      { url: canonicalUrl(server.url('/a.html')), sourceId: 'damaged' },
      { attempt: 1 },
    );
    expect(res.outcome).toBe('new');
    expect(res.encoding).toBe('UTF-8');
    expect(res.encodingSource).toBe('header');
    const doc = await ctx.store.db.collection('documents').findOne({ url: res.url });
    expect(doc?.title).toBe(TITLE);
    for (const p of paragraphs) expect(doc?.text).toContain(p.slice(0, 30));
    const row = await ctx.store.db.collection('pages').findOne({ url: res.url });
    expect(row).toMatchObject({ encoding: 'UTF-8', encodingSource: 'header', invalidSequences: 36 });
  });
});
