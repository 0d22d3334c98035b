import { describe, expect, it } from 'vitest';
import { failures, loadGold, scoreAll, THRESHOLDS } from '../gold/score.js';

/**
 * The eval of issue 14 in CI: the seeds and the twenty indicator texts of ../shared/indicator-texts,
 * scored against hand-written gold (test/gold/README.md). The same figures print with
 * `npm run eval:indicators`.
 */
describe('indicator gold', () => {
  const golds = loadGold();
  it('has gold for the five seeds and the twenty indicator texts', () => {
    expect(golds.filter((g) => g.text.startsWith('seeds/'))).toHaveLength(5);
    expect(golds.filter((g) => g.text.includes('indicator-texts/'))).toHaveLength(20);
  });

  const { texts, overall } = scoreAll();
  it(`overall precision ≥ ${THRESHOLDS.precision}, recall ≥ ${THRESHOLDS.recall}, city and metric accuracy ≥ ${THRESHOLDS.city}`, () => {
    expect(overall.gold).toBeGreaterThan(400);
    expect(failures(overall)).toEqual([]);
  });
  it('every metric id holds one unit, the catalogue’s', () => {
    expect(overall.mixedUnits).toEqual([]);
  });
  for (const t of texts) {
    // a floor per text, so one text cannot collapse behind a good average
    it(`${t.id}: precision and recall ≥ 0.8`, () => {
      expect(t.precision, JSON.stringify(t.spurious.map((p) => p.written))).toBeGreaterThanOrEqual(0.8);
      expect(t.recall, JSON.stringify(t.missed.map((m) => m.phrase))).toBeGreaterThanOrEqual(0.8);
    });
  }
});
