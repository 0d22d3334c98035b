import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { describe, expect, it } from 'vitest';
import { hamming, NEAR_DUPLICATE_DISTANCE, simhash, simhashBands } from '../../src/dedupe/index.js';

const seedDir = path.resolve(import.meta.dirname, '../../seeds');
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const seeds = readdirSync(seedDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => toSimplified(readFileSync(path.join(seedDir, f), 'utf8')));

describe('simhash', () => {
  it('returns 16 lower-case hex digits and is deterministic', () => {
    const h = simhash(seeds[0]!);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(seeds[0]!)).toBe(h);
    expect(simhash('')).toBe('0000000000000000');
  });

  it('keeps the same article with other boilerplate within the near-duplicate distance', () => {
    const distances = seeds.flatMap((text) => {
      const base = simhash(text);
      const dropped = text.split('\n').slice(2).join('\n');
      const footer = `${text}\n\n责任编辑：张三\n【打印本页】【关闭窗口】\n版权所有：某某市人民政府 备案号：桂ICP备12345号`;
      const nav = `首页 > 新闻中心 > 本地要闻\n${text}\n分享到：微信 微博`;
      return [dropped, footer, nav].map((v) => hamming(base, simhash(v)));
    });
    expect(Math.max(...distances)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
    // Most variants are within the distance the bands guarantee to find.
    expect(distances.filter((d) => d <= 3).length).toBeGreaterThanOrEqual(distances.length - 3);
  });

  it('maps the other script to the same hash once converted to Simplified', () => {
    for (const text of seeds) {
      const viaTraditional = toSimplified(toTraditional(text));
      expect(hamming(simhash(text), simhash(viaTraditional))).toBeLessThanOrEqual(1);
      // Unconverted Traditional text is far: the conversion is what makes them match.
      expect(hamming(simhash(text), simhash(toTraditional(text)))).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE);
    }
  });

  it('keeps unrelated articles far apart', () => {
    const hashes = seeds.map(simhash);
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        expect(hamming(hashes[i]!, hashes[j]!)).toBeGreaterThan(3 * NEAR_DUPLICATE_DISTANCE);
      }
    }
  });
});

describe('hamming and bands', () => {
  it('counts differing bits', () => {
    expect(hamming('0000000000000000', '0000000000000000')).toBe(0);
    expect(hamming('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hamming('0000000000000001', '8000000000000000')).toBe(2);
    expect(() => hamming('xyz', '0000000000000000')).toThrow();
  });

  it('splits into four position-tagged 16-bit bands; distance ≤ 3 always shares one', () => {
    expect(simhashBands('0123456789abcdef')).toEqual(['0:0123', '1:4567', '2:89ab', '3:cdef']);
    const base = simhash(seeds[1]!);
    const flip = (h: string, bit: number) =>
      (BigInt(`0x${h}`) ^ (1n << BigInt(bit))).toString(16).padStart(16, '0');
    for (const bits of [
      [0, 16, 32],
      [15, 31, 47],
      [63, 62, 61],
      [5, 21, 40],
    ]) {
      const other = bits.reduce(flip, base);
      expect(hamming(base, other)).toBe(3);
      const shared = simhashBands(other).filter((b) => simhashBands(base).includes(b));
      expect(shared.length).toBeGreaterThanOrEqual(1);
    }
  });
});
