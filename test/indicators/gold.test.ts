import { describe, expect, it } from 'vitest';
import { loadGold, runSeed, scoreSeed, THRESHOLD } from '../gold/score.js';

describe('gold seeds', () => {
  const golds = loadGold();
  it('has a gold file for each of the five seeds', () => {
    expect(golds.map((g) => g.seed.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
  });
  let matched = 0;
  let predicted = 0;
  let total = 0;
  for (const gold of golds) {
    it(`seed ${gold.seed.slice(0, 3)}: precision and recall ≥ ${THRESHOLD}`, () => {
      const s = scoreSeed(gold, runSeed(gold));
      matched += s.matched;
      predicted += s.predicted;
      total += s.gold;
      expect(s.precision, JSON.stringify(s.spurious.map((p) => p.written))).toBeGreaterThanOrEqual(THRESHOLD);
      expect(
        s.recall,
        JSON.stringify(s.missed.map((m) => `${m.value}${m.unit} ${m.label}`)),
      ).toBeGreaterThanOrEqual(THRESHOLD);
      expect(s.cityAgree).toBe(s.matched);
    });
  }
  it(`overall precision and recall ≥ ${THRESHOLD}`, () => {
    expect(total).toBeGreaterThan(100);
    expect(matched / predicted).toBeGreaterThanOrEqual(THRESHOLD);
    expect(matched / total).toBeGreaterThanOrEqual(THRESHOLD);
  });
});
