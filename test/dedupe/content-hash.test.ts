import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/dedupe/index.js';

describe('contentHash', () => {
  it('is the first 8 bytes of SHA-256 of the UTF-8 text, as 16 lower-case hex', () => {
    // Vectors computed outside this code: `printf '%s' TEXT | sha256sum | cut -c1-16`, and FIPS 180-2 for "abc".
    expect(contentHash('abc')).toBe('ba7816bf8f01cfea');
    expect(contentHash('')).toBe('e3b0c44298fc1c14');
    expect(contentHash('柳州市质量强市建设取得显著成效。')).toBe('77fb0b9a0b546c16');
  });

  it('is equal for equal text and different for a one-character change', () => {
    const a = '全市产品质量监督抽查合格率达到98.5%。';
    expect(contentHash(a)).toBe(contentHash(`${a}`));
    expect(contentHash(a)).not.toBe(contentHash(a.replace('98.5', '98.6')));
  });
});
