import { articleCity } from './city.js';
import { FURNITURE_HEAD } from './exclusions.js';
import { chooseLabel, labelParts } from './label.js';
import { attributeMetric, levelOf } from './metric.js';
import { resolvePeriod } from './period.js';
import { scanQuantities } from './quantities.js';
import { type ExtractInput, type Indicator, IndicatorSchema } from './schema.js';
import { splitParagraphs, splitSentences } from './sentences.js';

export type { ExtractInput, Indicator, Kind, Level, Period, Qualifier } from './schema.js';
export { IndicatorSchema } from './schema.js';

/**
 * Numbers as Chinese writes them → typed, attributed indicator rows. Extraction runs on the
 * Simplified rendering (one set of patterns for both scripts); offsets, evidence and written
 * forms are taken from the original-script `text`, which normalise keeps aligned with it.
 */
export function extractIndicators(input: ExtractInput): Indicator[] {
  const { text } = input;
  const simplified = input.simplified.length === text.length ? input.simplified : text;
  const city = articleCity({
    title: input.title,
    source: input.source,
    body: simplified,
    defaultCity: input.defaultCity,
  });
  const out: Indicator[] = [];

  for (const para of splitParagraphs(simplified)) {
    if (FURNITURE_HEAD.test(para.text)) break;
    const sentences = splitSentences(para.text);
    for (const [si, sent] of sentences.entries()) {
      const sentence = sent.text;
      const absStart = para.start + sent.start;
      const previous = sentences[si - 1]?.text ?? '';
      const quantities = scanQuantities(sentence);
      let previousLabel: string | null = null;
      quantities.forEach((q, i) => {
        const prevEnd = quantities[i - 1]?.end ?? 0;
        const nextStart = quantities[i + 1]?.start ?? sentence.length;
        const parts = labelParts(sentence, q.start, q.end, prevEnd, nextStart);
        const span = chooseLabel(q.kind, parts);
        // a figure with no subject of its own — a rank (…35.24%,位列广西第二) or a list item
        // (占比分别为28.6%、27%) — belongs to the previous figure's subject
        const inherit = !span && previousLabel !== null;
        const label = span ? sentence.slice(span.start, span.start + span.length) : (previousLabel ?? q.unit);
        if (
          q.kind === 'count' ||
          q.kind === 'money' ||
          (q.kind === 'percent' && q.kind === quantities[i + 1]?.kind)
        ) {
          previousLabel = label;
        }
        const clause = `${parts.before}${q.written}${parts.after}`;
        // 约占全区总量的21.3%: the hedge sits on the verb, not next to the number
        const qualifier = q.qualifier ?? (/^(?:约|近)占/.test(parts.before) ? '~' : null);
        const metric = attributeMetric(label, clause, q.kind, q.unit);
        const original = (s: number, e: number) => text.slice(absStart + s, absStart + e);
        out.push(
          IndicatorSchema.parse({
            metric: metric.key,
            label: span ? original(span.start, span.start + span.length) : inherit ? label : q.unit,
            value: q.value,
            unit: q.unit,
            kind: q.kind,
            written: original(q.start, q.end),
            qualifier,
            // a rank's scope (全区, 广西) is where it is ranked, not the level of what is counted
            level: q.kind === 'rank' ? null : levelOf(label, metric.level),
            city,
            period: resolvePeriod(sentence, q.numberStart, previous, input.publishedAt),
            evidence: {
              sentence: original(0, sentence.length),
              start: absStart,
              end: absStart + sentence.length,
            },
          }),
        );
      });
    }
  }
  return out;
}
