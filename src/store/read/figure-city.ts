import type { IndicatorInput } from '../schema.js';

/**
 * The city a figure is about. Rows stored since the row contract carries level, subject and asOf
 * (with `labelSimplified`) name it themselves, null for national and provincial figures; rows
 * stored before that had no city of their own when the text named none, and meant the document's.
 */
export function figureCity(indicator: IndicatorInput, documentCity: string | null): string | null {
  const legacy = (indicator as { labelSimplified?: string }).labelSimplified === undefined;
  return legacy ? (indicator.city ?? documentCity) : indicator.city;
}
