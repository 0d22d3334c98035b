import type { Catalogue, CompiledMetric } from './catalogue.js';
import { direction, GROWTH_LABEL, stripChangeWords } from './direction.js';
import { chooseLabel, labelParts } from './label.js';
import { allowed, attributeMetric, changeMetric, fits, subjectOf } from './metric.js';
import { type Found, type Reference, resolvePeriod, seriesYears } from './period.js';
import type { Places } from './places.js';
import { type Quantity, scanQuantities } from './quantities.js';
import type { Period } from './schema.js';
import { type DocScope, figureScope, type Scope } from './scope.js';

/** A label as two aligned strings: the page's own script and Simplified. */
export interface Text {
  own: string;
  simplified: string;
}

/** One figure of a sentence while it is being attributed. */
export interface Figure {
  q: Quantity;
  label: Text;
  /** The label came from the words next to the number (not inherited from a neighbour). */
  ownLabel: boolean;
  /** The label is the noun after a count (7批眼镜), not the phrase before it. */
  labelAfter: boolean;
  /** The phrase around the number, and the whole clause (comma to comma) it stands in. */
  clause: string;
  wide: string;
  /** Its clause up to the next figure. */
  rest: string;
  period: Period | null;
  target: boolean;
  change: boolean;
  value: number;
  metric: CompiledMetric | null;
  subject: string | null;
  scope: Scope;
}

export interface SentenceContext {
  /** The text between two offsets of the sentence, in both scripts. */
  pair(s: number, e: number): Text;
  doc: DocScope;
  ref: Reference | null;
  catalogue: Catalogue;
  places: Places;
  paragraphTarget: Found | null;
  paragraphFrame: Found | null;
  /** Whose figures the sentences before in this paragraph spoke of (另据山东省质监局报告…。全年共抽查…). */
  paragraphScope: Scope | null;
  /** The last figure of the sentences before (a 其中 breakdown or a change may refer to it). */
  previous: Figure | null;
}

const LIST_SEPARATOR = /^(?:、|和|及|与)$/u;

/**
 * The clause (comma to comma) a figure stands in, cut at the 、 that separates it from the items of
 * an enumeration (新增1家智能制造标杆企业、两家绿色工厂、3家产值超百亿元企业), and its part from the
 * number to the next figure.
 */
function clauseAround(
  sentence: string,
  q: { start: number; end: number },
  prevEnd: number,
  next: number,
): { wide: string; rest: string } {
  let s = q.start;
  while (s > 0 && !/[，,。；;：:]/.test(sentence[s - 1] as string)) s--;
  let e = q.end;
  while (e < sentence.length && !/[，,。；;]/.test(sentence[e] as string)) e++;
  const before = sentence.lastIndexOf('、', q.start);
  if (before >= Math.max(s, prevEnd)) s = before + 1;
  const after = sentence.indexOf('、', q.end);
  if (after >= 0 && after < Math.min(e, next)) e = after;
  return { wide: sentence.slice(s, e), rest: sentence.slice(s, Math.min(e, Math.max(next, q.end))) };
}

/** Everything about the figures of one sentence: labels, periods, changes, metrics, scopes. */
export function attributeSentence(
  sentence: string,
  previousSentence: string,
  ctx: SentenceContext,
): Figure[] {
  const qs = scanQuantities(sentence);
  const figures: Figure[] = [];
  let previousLabel: Text | null = null;
  for (const [i, q] of qs.entries()) {
    const prevEnd = qs[i - 1]?.end ?? 0;
    const nextStart = qs[i + 1]?.start ?? sentence.length;
    const parts = labelParts(sentence, q.start, q.end, prevEnd, nextStart);
    const span = chooseLabel(q.kind, parts);
    let label: Text | null = span ? ctx.pair(span.start, span.start + span.length) : null;
    const lead = sentence.slice(prevEnd, q.numberStart);
    const prior = figures.at(-1);
    const dir =
      q.kind === 'rank'
        ? { change: false, sign: 1 }
        : prior?.change && LIST_SEPARATOR.test(lead) // 高于省同期6.4、4.77和3.53个百分点
          ? { change: true, sign: Math.sign(prior.value) || 1 }
          : sentence[q.end] === '的' // 高于广东省72.7%的抽查合格率: Guangdong's own rate, not a change
            ? { change: false, sign: 1 }
            : q.kind === 'percent' &&
                ((label && GROWTH_LABEL.test(label.simplified)) ||
                  /^(?:的)?(?:增速|增幅)/u.test(sentence.slice(q.end))) // 专利授权增速保持20%以上, 保持20%以上增速
              ? { change: true, sign: 1 }
              : direction(lead);
    if (label && dir.change) {
      const rest = stripChangeWords(label.simplified.replace(GROWTH_LABEL, ''));
      label = rest.length >= 2 ? { own: label.own.slice(0, rest.length), simplified: rest } : null;
    }
    // a figure with no subject of its own — a change (同比增长4.41%) or a list item (占比分别为28.6%、27%) —
    // belongs to the previous figure's subject
    const ownLabel = label !== null;
    label ??= (dir.change ? (prior?.label ?? ctx.previous?.label ?? null) : null) ??
      previousLabel ?? { own: q.unit, simplified: q.unit };
    if (
      !dir.change &&
      (q.kind === 'count' || q.kind === 'money' || (q.kind === 'percent' && qs[i + 1]?.kind === 'percent'))
    )
      previousLabel = label;
    const resolved = resolvePeriod(
      sentence,
      q.numberStart,
      previousSentence,
      ctx.ref,
      ctx.paragraphTarget,
      ctx.paragraphFrame,
    );
    const scope = figureScope(sentence, q.numberStart, ctx.doc, ctx.places) ??
      (/^其中/u.test(sentence) && ctx.previous ? ctx.previous.scope : null) ??
      ctx.paragraphScope ?? {
        level: ctx.doc.level,
        city: ctx.doc.city,
      };
    // 约占全区总量的21.3%: the hedge sits on the verb, not next to the number
    const hedged = q.qualifier === null && /^(?:约|近)占/u.test(parts.before);
    figures.push({
      q: hedged ? { ...q, qualifier: '~', approx: true } : q,
      label,
      ownLabel,
      labelAfter: span !== null && span.start >= q.end,
      // a count's noun after it (3家产值超百亿元制造业企业) is its phrase; the list item before it is not
      clause:
        span !== null && span.start >= q.end
          ? `${q.written}${parts.after}`
          : `${parts.before}${q.written}${parts.after}`,
      ...clauseAround(sentence, q, prevEnd, nextStart),
      period: resolved.period,
      target: resolved.target,
      change: dir.change,
      value: dir.sign * q.value,
      metric: null,
      subject: null,
      scope,
    });
  }
  shareEnumerationHeads(figures, sentence, ctx);
  const distributed = distribute(figures, sentence, ctx);
  const breakdownAt = sentence.search(/其中/u);
  for (const [i, f] of distributed.entries()) {
    const head =
      breakdownAt >= 0 && f.q.start > breakdownAt ? headBefore(distributed, breakdownAt, ctx.previous) : null;
    const before = i > 0 ? distributed.slice(0, i) : [];
    assignMetric(f, before, i === 0 ? ctx.previous : null, head, sentence, previousSentence, ctx);
  }
  return distributed;
}

const GRADE = /^(?:国家级|省部级|省级|自治区级|市级|县级|区级)/u;

/** 建成2个国家级、6个自治区级和8个市级检验检测机构: the first two share the last one's noun. */
function shareEnumerationHeads(figures: Figure[], sentence: string, ctx: SentenceContext): void {
  for (let i = figures.length - 2; i >= 0; i--) {
    const f = figures[i] as Figure;
    const next = figures[i + 1] as Figure;
    if (f.q.kind !== 'count' || next.q.kind !== 'count') continue;
    const between = sentence.slice(f.q.end, next.q.start);
    const grade = GRADE.exec(between)?.[0];
    if (!grade || !/^[^，,。；;]*(?:、|和|及|与)$/u.test(between)) continue;
    const nextGrade = GRADE.exec(next.label.simplified)?.[0];
    if (!nextGrade) continue;
    const own = ctx.pair(f.q.end, f.q.end + grade.length);
    const tail = next.label.simplified.length - nextGrade.length;
    f.label = {
      own: own.own + next.label.own.slice(next.label.own.length - tail),
      simplified: own.simplified + next.label.simplified.slice(nextGrade.length),
    };
    f.ownLabel = true;
  }
}

/** The text before a 分别/均 list: from the clause start up to the word (or the clause before, when 分别 opens one). */
function listPhrase(sentence: string, at: number): { start: number; text: string } {
  let s = at;
  while (s > 0 && !/[，,：:；;。]/.test(sentence[s - 1] as string)) s--;
  if (s === at && s > 0) {
    at = s - 1;
    s = at;
    while (s > 0 && !/[，,：:；;。]/.test(sentence[s - 1] as string)) s--;
  }
  const raw = sentence.slice(s, at);
  let lead = raw.match(/^(?:其中|此外|同时|全市|全省|全国|全区|具体指标包括|包括)+/u)?.[0].length ?? 0;
  // 排在第三位到第六位的山东、北京…: a modifier before the list is not part of its first item
  const modifier = raw.slice(lead, raw.indexOf('、') >= 0 ? raw.indexOf('、') : lead).lastIndexOf('的');
  if (modifier >= 0) lead += modifier + 1;
  return { start: s + lead, text: raw.slice(lead) };
}

/** Items of a list phrase (国际、国家标准数量), splitting on 、 first, then on 和/与/及 too. */
function listItems(phrase: string, n: number | null): { start: number; text: string }[] | null {
  for (const sep of [/、/u, /、|和|与|及/u]) {
    const items: { start: number; text: string }[] = [];
    let at = 0;
    for (const piece of phrase.split(sep)) {
      items.push({ start: at, text: piece });
      at += piece.length + 1;
    }
    const ok = n === null ? items.length > 1 : items.length === n;
    if (ok && items.every((x) => x.text.length > 0)) return items;
  }
  return null;
}

/** Where the shared head of a list's last item starts (重要工业品|质量监督抽查合格率). */
const HEAD = /质量|监督|抽查|抽检|监测|检测|合格率|满意度|标准|产品|企业|机构|数量|总量/u;

/**
 * Complete a list item with the head noun of the last item: 国际 + 国家标准数量 → 国际标准数量,
 * 生活性服务 + 公共服务满意度 → 生活性服务满意度, 食品 + 重要工业品质量监督抽查合格率 → 食品质量监督抽查合格率.
 */
function completeItem(item: string, last: string): string {
  // items ending as the last one does are whole already (…合格率、…合格率、…监督率)
  if (item.at(-1) === last.at(-1)) return item;
  for (let k = Math.min(item.length, 4); k >= 2; k--) {
    const at = last.indexOf(item.slice(-k));
    if (at >= 0) return item + last.slice(at + k);
  }
  const head = HEAD.exec(last.slice(1));
  return item + last.slice(head ? head.index + 1 : Math.min(2, last.length));
}

function labelItems(
  items: { start: number; text: string }[],
  phraseStart: number,
  ctx: SentenceContext,
): Text[] {
  const last = (items.at(-1) as { text: string }).text;
  return items.map((item, i) => {
    const start = phraseStart + item.start;
    const own = ctx.pair(start, start + item.text.length);
    const full = i === items.length - 1 ? item.text : completeItem(item.text, last);
    return { own: own.own + full.slice(item.text.length), simplified: full };
  });
}

/**
 * 分别为a、b和c: each value takes its item (国际、国家标准数量分别为276项、9928项) or, for a series
 * over years (近三年…分别为99.29%、99.57%和97.43%), its year; a second series of as many values in
 * the same sentence (高于省同期6.4、4.77和3.53个百分点) takes the same years. X和Y均为100%: one
 * row for each of X and Y.
 */
function distribute(figures: Figure[], sentence: string, ctx: SentenceContext): Figure[] {
  const out: Figure[] = [];
  let previousPeriods: (Period | null)[] | null = null;
  for (const group of clauseGroups(figures, sentence)) {
    const first = group[0] as Figure;
    const before = sentence.slice(0, first.q.start);
    // 分别为, 分别公布了, 均低于 (not 平均, 年均, 人均)
    const word = /(分别|(?<![平年人日月])均)[\p{Script=Han}]{0,4}$/u.exec(before);
    const phrase = word ? listPhrase(sentence, word.index as number) : null;
    if (word && phrase && word[1] === '分别' && group.length >= 2) {
      const items = listItems(phrase.text, group.length);
      if (items) {
        const labels = labelItems(items, phrase.start, ctx);
        group.forEach((f, i) => {
          f.label = labels[i] as Text;
          f.ownLabel = true;
        });
      } else {
        const frameYear = ctx.paragraphFrame?.period.to
          ? Number(ctx.paragraphFrame.period.to.slice(0, 4))
          : null;
        const years =
          seriesYears(phrase.text, group.length, ctx.ref, frameYear) ??
          seriesYears(before, group.length, ctx.ref, frameYear);
        const label = ctx.pair(phrase.start, phrase.start + phrase.text.length);
        group.forEach((f, i) => {
          if (phrase.text.length >= 2 && !f.change) {
            f.label = label;
            f.ownLabel = true;
          }
          const y = years?.[i];
          if (y !== undefined) f.period = { label: `${y}年`, from: `${y}-01-01`, to: `${y}-12-31` };
        });
      }
      previousPeriods = group.map((f) => f.period);
      out.push(...group);
      continue;
    }
    // X、Y均低于86%: one row for each of X and Y. The list may stand in the clause before (日用及纺织品、
    // 电子电器合格率较低,合格率均低于86%), and a count inside it (等5大类产品的合格率均高于90%) stays one row.
    const last = group.at(-1) as Figure;
    const all = /(?<![平年人日月])均[\p{Script=Han}]{0,4}$/u.exec(sentence.slice(0, last.q.start));
    if (all && !last.change) {
      let listed = listPhrase(sentence, all.index as number);
      let items = listItems(listed.text, null);
      const comma = listed.start - 1;
      if (!items && comma > 0 && /[，,]/u.test(sentence[comma] as string)) {
        listed = listPhrase(sentence, comma);
        items = listItems(listed.text, null);
      }
      if (items) {
        out.push(...group.slice(0, -1));
        for (const label of labelItems(items, listed.start, ctx))
          out.push({ ...last, label, ownLabel: true });
        continue;
      }
    }
    if (previousPeriods && group.length === previousPeriods.length && group.length >= 2) {
      group.forEach((f, i) => {
        f.period = previousPeriods?.[i] ?? f.period;
      });
    }
    out.push(...group);
  }
  return out;
}

/** Figures of a sentence grouped by clause (a comma or semicolon ends a group). */
function clauseGroups(figures: Figure[], sentence: string): Figure[][] {
  const groups: Figure[][] = [];
  for (const f of figures) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    if (last && prev && !/[，,；;：:。]/.test(sentence.slice(prev.q.end, f.q.start))) last.push(f);
    else groups.push([f]);
  }
  return groups;
}

/** The figure a 其中 breakdown breaks down: the last one before 其中 (or the previous sentence's). */
function headBefore(figures: Figure[], at: number, previous: Figure | null): Figure | null {
  return figures.filter((f) => f.q.start < at && !f.change).at(-1) ?? previous;
}

const RANK_VERB = /^(?:排名|位列|位居|名列|排在|位于|居|列|排)/u;
const rankScope = (written: string) =>
  written
    .replace(RANK_VERB, '')
    .replace(/^进入/u, '')
    .replace(/(?:排名|排行)?(?:第.*|首位|前.*)$/u, '') || null;

/**
 * The metric a label names, whatever its kind (规模以上工业增加值同比增长: industrial value added);
 * for a change in percentage points, only a rate can be what changed (机构占总量的比重下降1.18个百分点
 * is the share's change, not the institutions').
 */
function namedMetric(c: Catalogue, f: Figure, sentence: string): CompiledMetric | null {
  return (
    c.metrics.find(
      (m) =>
        !m.base &&
        m.kind !== 'rank' &&
        (f.q.kind !== 'points' || m.kind === 'percent' || m.kind === 'permille') &&
        m.re.test(f.label.simplified) &&
        allowed(m, { label: f.label.simplified, rest: f.rest, sentence }),
    ) ?? null
  );
}

/** 总数达43个, 累计89项: a label that only says "in total" counts what the figure before counts. */
const TOTAL_ONLY = /^(?:总数|总量|数量|总计|合计|累计|共计|总数达|总量达)$/u;

/** A label that only names places (福州, 山东、北京): a list item counting what the figure before counts. */
function placesOnly(label: string, places: Places): boolean {
  const ms = places.mentions(label);
  if (ms.length === 0) return false;
  let rest = label;
  for (const m of [...ms].reverse()) rest = rest.slice(0, m.at) + rest.slice(m.end);
  return /^[、，,和及与获有为是的等共]*$/u.test(rest);
}

function assignMetric(
  f: Figure,
  before: Figure[],
  previousSentenceFigure: Figure | null,
  head: Figure | null,
  sentence: string,
  previousSentence: string,
  ctx: SentenceContext,
): void {
  const c = ctx.catalogue;
  // a metric's context (检验检测 for revenue) may be set by the sentence before: 截至2022年底,我国共有检验检测
  // 机构52769家。全年实现营业收入4275.84亿元
  const context = `${previousSentence}${sentence}`;
  const { q } = f;
  if (q.kind === 'rank') {
    f.metric = c.byId.get('ranking') ?? null;
    f.subject = rankScope(q.written);
    return;
  }
  const prior = before.at(-1) ?? previousSentenceFigure;
  if (f.change) {
    // the change of what: its own label when it names something, else the figure it follows (past a
    // share: 报告3038.60万份,占比5.52%,同比下降8.25% is the change of the reports, not of the share)
    let base = f.ownLabel ? namedMetric(c, f, context) : null;
    // 获奖数量比上一年度增加三分之一: a label that names no metric of its own leans on the figure before
    if (!base && prior && (!f.ownLabel || !prior.change)) {
      const ref = prior.metric?.id === 'share' && !prior.change ? (before.at(-2) ?? prior) : prior;
      base = ref.metric;
    }
    f.metric = base ? changeMetric(c, base, q.kind, q.unit) : null;
    f.subject = f.metric ? subjectOf(c, f.metric, [f.label.simplified, f.clause]) : null;
    return;
  }
  const figure = {
    label: f.label.simplified,
    clause: f.clause,
    wide: f.wide,
    rest: f.rest,
    sentence: context,
    written: q.written,
    kind: q.kind,
    unit: q.unit,
  };
  const found = attributeMetric(c, figure);
  let metric = found?.metric ?? null;
  // 其中,老年鞋1批次: a breakdown item with no metric of its own counts what its head counts
  const inherits = (from: Figure | null | undefined): from is Figure & { metric: CompiledMetric } =>
    !!from?.metric &&
    !from.change &&
    fits(from.metric, q.kind, q.unit) &&
    allowed(from.metric, { ...figure });
  if (found?.tier !== 'label' && inherits(head)) metric = head.metric;
  // 蕲艾品牌价值为142.58亿元,麻城福白菊为60.65亿元 and 7批眼镜、4批袜子: a parallel item counts what the
  // one before counts (only a name with 为, or a noun after the count, makes an item parallel)
  const parallel = before.at(-1);
  const lead = parallel
    ? sentence
        .slice(parallel.q.end, q.numberStart)
        .replace(parallel.labelAfter ? parallel.label.simplified : '', '')
    : '';
  // 国家级奖项3项、省级奖项28项: an item after 、 whose noun ends as the one before does
  const sameHead =
    /^[、和及与]/u.test(lead) &&
    !!parallel &&
    f.label.simplified.length >= 2 &&
    parallel.label.simplified.endsWith(f.label.simplified.slice(-2));
  const isParallel =
    /为$/u.test(lead) || sameHead || (f.labelAfter && parallel?.labelAfter && /^[、和及与]$/u.test(lead));
  if (!metric && isParallel && inherits(parallel) && f.label.simplified.length <= 8) metric = parallel.metric;
  // 泉州获63项福建名牌产品,福州28项 and 总数达43个: a label of places only, or of "in total" only, counts
  // what the figure before counts (the previous sentence's last, for a sentence's first figure)
  const elliptic = placesOnly(f.label.simplified, ctx.places) || TOTAL_ONLY.test(f.label.simplified);
  const counted = before.filter((b) => !b.change && b.q.kind !== 'rank').at(-1) ?? previousSentenceFigure;
  if (!metric && elliptic && inherits(counted)) metric = counted.metric;
  f.metric = metric;
  f.subject = metric
    ? subjectOf(c, metric, [
        f.label.simplified,
        f.clause,
        // 12家企业获得市长质量管理奖: the award is named after the verb, in the rest of the clause
        f.wide,
        ...(metric.contextRe ? [sentence.slice(0, q.start)] : []),
      ])
    : null;
}
