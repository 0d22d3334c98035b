import { extractIndicators } from '../../src/indicators/index.js';
import { normaliseText } from '../../src/normalise/index.js';

export interface RunOptions {
  title?: string;
  publishedAt?: string | null;
  defaultCity?: string;
}

/** A raw text through the pipeline's two text stages: normalise, then extract indicators. */
export function extractFrom(raw: string, opts: RunOptions = {}) {
  const n = normaliseText(raw);
  return {
    n,
    rows: extractIndicators({
      text: n.text,
      simplified: n.simplified,
      title: opts.title ?? '',
      publishedAt: opts.publishedAt ?? null,
      source: null,
      ...(opts.defaultCity ? { defaultCity: opts.defaultCity } : {}),
    }),
  };
}
