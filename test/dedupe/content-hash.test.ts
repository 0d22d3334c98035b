import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/dedupe/index.js';

describe('contentHash', () => {
  it('is the first 8 bytes of SHA-256 of the UTF-8 text, as 16 lower-case hex', () => {
    // Known vector: sha256("abc") = ba7816bf8f01cfea414140de5dae2223...
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea');
    const text = '柳州市质量强市建设取得显著成效。';
    expect(contentHash(text)).toBe(
      createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex').slice(0, 16),
    );
    expect(contentHash(text)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is equal for equal text and different for a one-character change', () => {
    const a = '全市产品质量监督抽查合格率达到98.5%。';
    expect(contentHash(a)).toBe(contentHash(`${a}`));
    expect(contentHash(a)).not.toBe(contentHash(a.replace('98.5', '98.6')));
  });
});
