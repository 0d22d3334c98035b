import { describe, expect, it } from 'vitest';
import { indexes, PageInputSchema, validators } from '../../src/store/index.js';
import { pageInput, schemaProblems } from './helpers.js';

describe('PageInput', () => {
  const good = pageInput('https://www.liuzhou.gov.cn/a.html', '柳州市质量强市建设。\n\n抽检合格率98.1%。');

  it('accepts what the pipeline builds', () => {
    expect(PageInputSchema.parse(good).fetch.fetchedAt).toBeInstanceOf(Date);
  });

  it('rejects a content hash that is not contentHash(article.text)', () => {
    const bad = { ...good, contentHash: '0000000000000000' };
    const r = PageInputSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('contentHash');
  });

  it('rejects a malformed SimHash and a missing article field', () => {
    expect(PageInputSchema.safeParse({ ...good, simhash: 'xyz' }).success).toBe(false);
    const { rawText: _, ...article } = good.article;
    expect(PageInputSchema.safeParse({ ...good, article }).success).toBe(false);
  });
});

describe('validators and indexes', () => {
  it('every required field has a property schema; every collection has indexes', () => {
    for (const [name, schema] of Object.entries(validators)) {
      const props = Object.keys(schema.properties as object);
      for (const req of schema.required as string[]) expect(props, `${name}.${req}`).toContain(req);
      expect(indexes[name as keyof typeof indexes].length, name).toBeGreaterThan(0);
    }
  });

  it('the schema checker used on FerretDB rejects wrong types, patterns and missing fields', () => {
    const row = {
      _id: '0123456789abcdef',
      firstDocumentId: '0123456789abcdef',
      firstVersion: 1,
      firstUrl: 'u',
      firstSeen: new Date(),
      lastSeen: new Date(),
      urls: ['u'],
      documentIds: ['0123456789abcdef'],
      simhash: '0123456789abcdef',
      simhashBands: ['0:0123', '1:4567', '2:89ab', '3:cdef'],
    };
    expect(schemaProblems(row, validators.contents)).toEqual([]);
    expect(schemaProblems({ ...row, firstVersion: 0 }, validators.contents)).toHaveLength(1);
    expect(schemaProblems({ ...row, _id: 'ABC' }, validators.contents)).toHaveLength(1);
    expect(schemaProblems({ ...row, firstSeen: '2024-01-01' }, validators.contents)).toHaveLength(1);
    const { urls: _, ...missing } = row;
    expect(schemaProblems(missing, validators.contents)).toEqual(['$.urls: required']);
  });
});
