import { alignedSimplified } from '../normalise/index.js';
import { type Catalogue, defaultGazetteer, type Gazetteer, metricCatalogue } from './catalogue.js';
import { FURNITURE_HEAD } from './exclusions.js';
import { attributeSentence, type Figure } from './figures.js';
import { type Found, findPeriods, openingPeriod, type Reference } from './period.js';
import { placesOf } from './places.js';
import { type ExtractInput, type Indicator, IndicatorSchema } from './schema.js';
import { type DocScope, documentScope, type Scope, sentenceScope } from './scope.js';
import { splitParagraphs, splitSentences } from './sentences.js';

export type { ExtractInput, Indicator, Kind, Level, Period, Qualifier } from './schema.js';
export { IndicatorSchema } from './schema.js';

export interface ExtractOptions {
  /** Defaults to config/metrics.yaml and config/cities.yaml of this checkout. */
  catalogue?: Catalogue;
  gazetteer?: Gazetteer;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The year relative words are read against: the publish year, except that a report published in
 * the first quarter about the year before (it opens with that year) means that year by 今年.
 */
function reference(publishedAt: string | null, simplified: string): Reference | null {
  const m = publishedAt ? ISO_DATE.exec(publishedAt) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const first = simplified.split('\n').find((l) => l.trim()) ?? '';
  const opening = /^\s*((?:19|20)\d{2})年/u.exec(first);
  if (opening && Number(opening[1]) === year - 1 && Number(m[2]) <= 3) return { year: year - 1 };
  return { year };
}

/**
 * A report whose lead opens with its year (2010年,…) and names no other year except as a baseline
 * (比2009年同期) is about that year throughout: later paragraphs inherit it.
 */
function frameOfDocument(paragraphs: string[], ref: Reference | null): Found | null {
  const lead = paragraphs.findIndex((p) => !isHeadline(p, 0));
  const first = lead >= 0 ? splitSentences(paragraphs[lead] as string)[0] : undefined;
  const frame = first ? openingPeriod(first.text, ref) : null;
  if (!frame?.period.from) return null;
  const year = frame.period.from.slice(0, 4);
  const others = paragraphs.flatMap((p) =>
    findPeriods(p, ref).filter(
      (f) => f.period.from?.slice(0, 4) !== year && !/(?:比|较|同比|与)$/u.test(p.slice(0, f.at)),
    ),
  );
  return others.length === 0 ? frame : null;
}

/** A section heading (一、2024年市场监管领域各项工作开展情况): short, no full stop. */
const isHeading = (text: string) => !/[。!！?？]/.test(text) && text.length < 40;

/**
 * A line that may repeat figures the body gives: a short opening line without a full stop (a
 * headline), a subheading further down, the 原标题 line a repost ends with, or a summary box.
 */
function isHeadline(text: string, index: number): boolean {
  // 原标题 closes a repost; 核心提示/内容提要/导读 is an editor's summary box above the body
  if (/^(?:原标题|核心提示|内容提要|导读)[:：]/u.test(text)) return true;
  return !/[。!！?？]/.test(text) && text.length < (index < 3 ? 60 : 40);
}

/** 这次新上榜2家: a figure this/that time restates one already given. */
const RESTATED = /这次|此次|本次/u;

/**
 * Numbers as Chinese writes them → typed, attributed indicator rows. Extraction runs on the
 * Simplified rendering (one set of patterns for both scripts); offsets, evidence, labels and written
 * forms are taken from the original-script `text`, which normalise keeps aligned with it.
 */
export function extractIndicators(input: ExtractInput, opts: ExtractOptions = {}): Indicator[] {
  const catalogue = opts.catalogue ?? metricCatalogue();
  const places = placesOf(opts.gazetteer ?? defaultGazetteer());
  const { text } = input;
  const simplified = input.simplified.length === text.length ? input.simplified : text;
  const doc = documentScope(
    {
      title: alignedSimplified(input.title),
      body: simplified,
      defaultCity: input.defaultCity ? alignedSimplified(input.defaultCity) : undefined,
    },
    places,
  );
  const ref = reference(input.publishedAt, simplified);
  const published = input.publishedAt ? (ISO_DATE.exec(input.publishedAt)?.[0] ?? null) : null;

  const rows: { row: Indicator; headline: boolean }[] = [];
  let previous: Figure | null = null;
  const paragraphs = splitParagraphs(simplified);
  const documentFrame = frameOfDocument(
    paragraphs.map((p) => p.text),
    ref,
  );
  // a heading that names a period frames the paragraphs under it, until the next such heading
  let sectionFrame: Found | null = null;
  // the frame the paragraph before ended with: a paragraph naming no time of its own continues it
  let lastFrame: Found | null = null;
  for (const [pi, para] of paragraphs.entries()) {
    if (FURNITURE_HEAD.test(para.text)) break;
    const headline = isHeadline(para.text, pi);
    const sentences = splitSentences(para.text);
    let target: Found | null = null;
    // the subject a sentence names carries to the next sentences of its paragraph until another is named
    let carried: Scope | null = null;
    const timeless = findPeriods(para.text, ref).length === 0;
    const framed = sectionFrame ?? documentFrame;
    let frame: Found | null = pi > 0 ? ((timeless ? lastFrame : null) ?? framed) : null;
    const section =
      pi > 0 && isHeading(para.text) ? findPeriods(para.text, ref).find((p) => !p.target) : undefined;
    if (section) {
      // a new section: the paragraphs under it take its period, not the one the section before ended with
      sectionFrame = section;
      lastFrame = null;
    }
    for (const [si, sent] of sentences.entries()) {
      const absStart = para.start + sent.start;
      const own = (s: number, e: number) => text.slice(absStart + s, absStart + e);
      const figures = attributeSentence(sent.text, sentences[si - 1]?.text ?? '', {
        pair: (s, e) => ({ own: own(s, e), simplified: sent.text.slice(s, e) }),
        doc,
        ref,
        catalogue,
        places,
        paragraphTarget: target,
        paragraphFrame: frame,
        paragraphScope: carried,
        previous,
      });
      carried = sentenceScope(sent.text, doc, places) ?? carried;
      const periods = findPeriods(sent.text, ref);
      target = periods.filter((p) => p.target).pop() ?? target;
      // a sentence that opens with its period, or dates a stock (截止2017年12月31日,我省共有…), frames the rest
      frame =
        openingPeriod(sent.text, ref) ??
        periods.find((p) => !p.target && p.period.from === null && p.period.to) ??
        frame;
      for (const f of figures) {
        const row = toRow(f, own, sent.text, absStart, doc, published);
        const same = (r: Indicator) =>
          r.value === row.value && r.unit === row.unit && r.metric === row.metric;
        if (RESTATED.test(f.wide) && rows.some((r) => same(r.row))) continue;
        rows.push({ row, headline });
        if (!f.change && f.q.kind !== 'rank') previous = f;
      }
    }
    // an open span (自2011年…以来) belongs to its own paragraph
    if (!headline) lastFrame = frame?.period.to ? frame : null;
  }
  // a headline's figures are dropped when the body gives the same figure
  const body = rows.filter((r) => !r.headline).map((r) => r.row);
  const given = (h: Indicator) => body.some((b) => b.value === h.value && b.kind === h.kind);
  return rows.filter((r) => !r.headline || !given(r.row)).map((r) => r.row);
}

function toRow(
  f: Figure,
  own: (s: number, e: number) => string,
  sentence: string,
  absStart: number,
  doc: DocScope,
  published: string | null,
): Indicator {
  const { q } = f;
  const level = f.scope.level;
  const city =
    level === 'city' || level === 'district' || level === 'enterprise' ? (f.scope.city ?? doc.city) : null;
  const closed = f.period?.to && !f.target ? f.period.to : null;
  return IndicatorSchema.parse({
    metric: f.metric?.id ?? null,
    subject: f.subject,
    label: f.label.own,
    labelSimplified: f.label.simplified,
    value: f.value,
    unit: f.metric?.unit ?? q.unit,
    kind: q.kind,
    written: own(q.start, q.end),
    qualifier: q.qualifier,
    approx: q.approx,
    change: f.change,
    target: f.target,
    level,
    city,
    period: f.period,
    asOf: closed ?? published,
    evidence: { sentence: own(0, sentence.length), start: absStart, end: absStart + sentence.length },
  });
}
