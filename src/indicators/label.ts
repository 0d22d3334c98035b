import type { Kind } from './schema.js';

/** Where a noun phrase stops: punctuation, brackets, quotes. */
const DELIM = /[，,、。；;：:！？!?\n（()）—《》【】]/;
/** Clause boundaries only: used when the phrase next to a number is too short to name anything. */
const STRONG_DELIM = /[，,。；;：:！？!?\n]/;
/** Words that start a verb phrase after a count (11家企业提交申请): the label ends before them. */
const AFTER_STOP =
  /(?:的|并|和|与|及|等|在|为|被|是|提交|获得|荣获|获|实施|申报|参与|进入|成为|开展|通过|实现|入选|落户|达到|达|共|累计|\d|[一二两三四五六七八九十]+(?:个|家|项|件|张|次|种|类))/;
/** Filler before a number that says nothing about what is counted. */
const TRAILING_FILLER =
  /(?:达到|达|为|是|共计|共有|共|累计|合计|计|有|约|近|超过|超|逾|增至|提高到|提升至|至|已|新增了?|增加|分别|均|已经|突破|实现)+$/;
const LEADING_FILLER =
  /^(?:其中|目前|截至目前|截至当前|现有|现|同时|此外|另外|并|还|已|全市|全区|该市|共有|共|累计|拥有|有(?!效))+/;

export interface LabelParts {
  before: string;
  after: string;
  /** Where each part starts in the sentence, so the label can be cut from the original script. */
  beforeStart: number;
  afterStart: number;
  /** The quantity modifies the noun after it (一家不足10平方米的饮品店). */
  modifier: boolean;
}

/** The text either side of a quantity, cut at phrase boundaries (and at the neighbouring quantity). */
export function labelParts(
  sentence: string,
  start: number,
  end: number,
  prevEnd: number,
  nextStart: number,
): LabelParts {
  let b = start;
  while (b > prevEnd && !DELIM.test(sentence[b - 1] as string)) b--;
  let a = end;
  // an opening quote after a count starts a name (2家企业“…市长质量奖”): the noun ends before it
  while (
    a < nextStart &&
    a < sentence.length &&
    !DELIM.test(sentence[a] as string) &&
    !(sentence[a] === '“' && a - end >= 2)
  )
    a++;
  // 的 right after a count introduces its noun (12国的马德里注册保护)
  let after = sentence.slice(end, a).replace(/^的/, '');
  const afterStart = end + (sentence.slice(end, a).startsWith('的') ? 1 : 0);
  const stop = AFTER_STOP.exec(after);
  if (stop) after = after.slice(0, stop.index);
  if (start - b < 2) {
    // 企业(个人)…共138个: the short phrase is the tail of a list; take the clause instead
    let w = start;
    while (w > prevEnd && !STRONG_DELIM.test(sentence[w - 1] as string)) w--;
    b = w;
  }
  const raw = sentence.slice(b, start);
  const lead = raw.match(LEADING_FILLER)?.[0].length ?? 0;
  // list punctuation or a bare connective between figures (28.6%、27%和15.6%) names nothing
  const trimmed = raw.slice(lead).replace(TRAILING_FILLER, '');
  const before = /^(?:[\p{P}\s]|和|及|与|或|以及|甚至|甚|到)*$/u.test(trimmed) ? '' : trimmed;
  // 食品及相关产品合格率最高,为96.6%: a clause of a bare copula is about what the clause before names
  if (
    !before &&
    /^(?:为|是|达|达到)$/u.test(raw) &&
    b - 1 > prevEnd &&
    /[，,]/u.test(sentence[b - 1] as string)
  ) {
    let w = b - 1;
    while (w > prevEnd && !STRONG_DELIM.test(sentence[w - 1] as string)) w--;
    const clause = sentence.slice(w, b - 1);
    const skip = clause.match(LEADING_FILLER)?.[0].length ?? 0;
    if (clause.length - skip >= 2)
      return { before: clause.slice(skip), after, beforeStart: w + skip, afterStart, modifier: false };
  }
  return { before, after, beforeStart: b + lead, afterStart, modifier: sentence.startsWith('的', end) };
}

/**
 * The label a number belongs to. A count names its noun after the measure word
 * (2个国家级检验检测机构); money, rates and ranks name it before (抽检合格率96.6%, 投入9.7亿元).
 */
export function chooseLabel(kind: Kind, parts: LabelParts): { start: number; length: number } | null {
  const { before, after, beforeStart, afterStart } = parts;
  const b = { start: beforeStart, length: before.length };
  const a = { start: afterStart, length: after.length };
  if ((kind === 'count' || parts.modifier) && after.length >= 2) return a;
  if (before.length >= 2) return b;
  if (after.length > 0) return a;
  return before.length > 0 ? b : null;
}
