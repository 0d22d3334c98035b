import { describe, expect, it } from 'vitest';
import { DEV_SET } from './eval/dev-set.js';
import { articlesDir, evaluate, THRESHOLDS, timeRight } from './eval/score.js';
import { resolveBody, resolveTitle } from './eval/truth.js';

/**
 * The development-set eval (`npm run eval:extract`) as a test: our extractor must beat Readability's
 * body F1 in the same run and meet the quality thresholds. Speed is printed by the eval and measured
 * by `npm run bench`, not asserted here, where a loaded CI machine would make it flaky.
 */
const dir = articlesDir() ?? '';

describe('truth anchors', () => {
  const lines = [
    '导航',
    '标题在这里',
    '2023-06-07 来源：某报',
    '第一段开头的文字。',
    '图片说明',
    '最后一段结尾。',
    '责任编辑：某',
  ];
  it('resolve a body span, dropping the lines named', () => {
    const { kept, dropped } = resolveBody(lines, { from: '第一段', to: '结尾。', drop: ['图片'], chars: 0 });
    expect(kept).toEqual(['第一段开头的文字。', '最后一段结尾。']);
    expect(dropped).toEqual(['图片说明']);
  });
  it('fail loudly when an anchor is missing or a title is ambiguous', () => {
    expect(() => resolveBody(lines, { from: '不存在', to: '结尾。', chars: 0 })).toThrow(/not found/);
    expect(() => resolveTitle(['甲乙丙丁', '甲乙戊丁'], [], ['甲乙', '丁', 4])).toThrow(/2 texts/);
    expect(resolveTitle(['标题', '在这里'], [], ['标题', '这里', 5])).toBe('标题在这里');
  });
  it('judge a time at the precision the page prints', () => {
    expect(timeRight('2019-09-07T15:10:53+08:00', '2019-09-07 15:10')).toBe(true);
    expect(timeRight('2019-09-07T15:14:21+08:00', '2019-09-07 15:10')).toBe(false);
    expect(timeRight('2019-09-07T00:00:00+08:00', '2019-09-07')).toBe(true);
    expect(timeRight('2019-09-07T07:10:53Z', '2019-09-07 15:10')).toBe(false);
    expect(timeRight(null, null)).toBe(true);
    expect(timeRight('2019-09-07T00:00:00+08:00', null)).toBe(false);
  });
});

describe.skipIf(!dir)('extraction eval on the development set', () => {
  it('has at least 40 hand-labelled pages', () => {
    expect(DEV_SET.length).toBeGreaterThanOrEqual(40);
  });

  it('beats Readability on body F1 and meets the thresholds', () => {
    const { ours, readability, pages } = evaluate({ dir, rounds: 0 });
    const misses = pages
      .filter((p) => p.ours.f1 < 0.9 || !p.ours.titleRight || !p.ours.timeRight)
      .map((p) => `${p.file}: F1 ${p.ours.f1.toFixed(3)} title ${p.ours.title} time ${p.ours.publishedAt}`);
    expect(ours.f1, misses.join('\n')).toBeGreaterThanOrEqual(THRESHOLDS.f1);
    expect(ours.f1).toBeGreaterThan(readability.f1);
    expect(ours.titles, misses.join('\n')).toBeGreaterThanOrEqual(THRESHOLDS.titles);
    expect(ours.times, misses.join('\n')).toBeGreaterThanOrEqual(THRESHOLDS.times);
  }, 60_000);
});
