import { metricCatalogue } from './catalogue.js';
import type { Kind, Level } from './schema.js';

/** Canonical metric key: the label decides when it can, the clause around the number otherwise. */
export function attributeMetric(
  label: string,
  clause: string,
  kind: Kind,
  unit: string,
): { key: string | null; level: Level } {
  const fits = metricCatalogue().filter(
    (m) => m.kinds.includes(kind) && (!m.units || m.units.includes(unit)),
  );
  const byUnit = fits.filter((m) => m.units);
  const hit =
    byUnit.find((m) => m.re.test(clause)) ??
    fits.find((m) => m.re.test(label)) ??
    fits.find((m) => m.re.test(clause));
  return { key: hit?.key ?? null, level: hit?.level ?? null };
}

/** Level written in the label itself wins over the metric's default. */
export function levelOf(label: string, metricLevel: Level): Level {
  if (/国家级|国家|^中国|^中华|[“”]中国/.test(label)) return 'national';
  if (/自治区级|省级|自治区|区级|省|广西|辽宁/.test(label)) return 'provincial';
  if (/市级|市本级|市长|市地方/.test(label)) return 'municipal';
  return metricLevel;
}
