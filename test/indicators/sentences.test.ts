import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences } from '../../src/indicators/sentences.js';

describe('splitSentences', () => {
  it('splits on Chinese sentence ends and keeps offsets', () => {
    const text = '第一句。第二句；“第三句！”\n第四句';
    const spans = splitSentences(text);
    expect(spans.map((s) => s.text)).toEqual(['第一句。', '第二句；“第三句！”', '第四句']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
  it('does not split on semicolons: 到2025年,…;制造业质量竞争力指数达到83 is one frame', () => {
    expect(splitSentences('到2025年,全市质量水平全面提高;指数达到83。')).toHaveLength(1);
  });
  it('does not split on commas or decimal points', () => {
    expect(splitSentences('合格率96.6%,食品合格率95.9%。')).toHaveLength(1);
  });
});

describe('splitParagraphs', () => {
  it('returns paragraphs with offsets', () => {
    const text = 'a段\n\nb段';
    expect(splitParagraphs(text)).toEqual([
      { text: 'a段', start: 0, end: 2 },
      { text: 'b段', start: 4, end: 6 },
    ]);
  });
});
