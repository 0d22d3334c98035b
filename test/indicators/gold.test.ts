import { describe, expect, it } from 'vitest';
import { failures, loadGold, scoreAll, THRESHOLDS } from '../gold/score.js';
import { sharedDir } from '../support/shared.js';

/**
 * The eval of issue 14 in CI: the seeds and the twenty indicator texts of ../shared/indicator-texts,
 * scored against hand-written gold (test/gold/README.md). The same figures print with
 * `npm run eval:indicators`.
 */
describe('indicator gold', () => {
  const golds = loadGold(sharedDir);
  const texts = golds.filter((g) => g.text.includes('indicator-texts'));
  it('has gold for the five seeds and the twenty indicator texts', () => {
    expect(golds.filter((g) => g.id.match(/^\d{3}$/))).toHaveLength(5);
    if (texts.length === 0) return; // ../shared missing on a developer's machine: sharedDir warned
    expect(texts).toHaveLength(20);
  });

  const { texts: scores, overall } = scoreAll(golds);
  it(`overall precision ≥ ${THRESHOLDS.precision}, recall ≥ ${THRESHOLDS.recall}, city and metric accuracy ≥ ${THRESHOLDS.city}`, () => {
    expect(overall.gold).toBeGreaterThan(texts.length ? 400 : 140);
    expect(failures(overall)).toEqual([]);
  });
  it('every metric id holds one unit, the catalogue’s', () => {
    expect(overall.mixedUnits).toEqual([]);
  });
  for (const t of scores) {
    // a floor per text, so one text cannot collapse behind a good average
    it(`${t.id}: precision and recall ≥ 0.8`, () => {
      expect(t.precision, JSON.stringify(t.spurious.map((p) => p.written))).toBeGreaterThanOrEqual(0.8);
      expect(t.recall, JSON.stringify(t.missed.map((m) => m.phrase))).toBeGreaterThanOrEqual(0.8);
    });
  }
});
