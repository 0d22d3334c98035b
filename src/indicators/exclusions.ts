/**
 * Numbers that look like quantities but are not indicators. Most non-indicators (years, dates,
 * times, phone numbers, 二十大, 4·27, 一是) never match because they carry no unit; these rules
 * catch the ones that do carry a measure word.
 */
export interface Candidate {
  /** The sentence being scanned (Simplified). */
  sentence: string;
  /** Offsets of the number itself and of the whole quantity within `sentence`. */
  numberStart: number;
  end: number;
  unit: string;
  kind: string;
  qualifier: string | null;
  chineseNumeral: boolean;
}

/**
 * Written-out numerals are mostly prose (判若两人, 五件事, 四处, 八国联盟); as counts they are kept only
 * with the measure words that official reports use them with (两家企业, 两个平台).
 */
const CHINESE_NUMERAL_COUNTERS = new Set(['个', '家', '项', '届', '类', '种']);

const MEETING_BODY = /(?:政协|人大|党的|党委|市委|区委|省委|代表大会|全会)$/;
/** 九届人大四次会议: a body's term written before its name. */
const MEETING_AFTER = /^(?:人大|政协|党代会|代表大会|全会|委员会)/;

export function exclusionReason(c: Candidate): string | null {
  // 第 3 名: typeset text may space a number from the words around it
  const before = c.sentence.slice(0, c.numberStart).replace(/ $/u, '');
  const after = c.sentence.slice(c.end);
  // 第6届, 第三次会议, 第011号: ordinals name things, they do not count them
  if (/第$/.test(before)) return 'ordinal';
  // 1个月, 2个多月: durations
  if (c.unit === '个' && /^多?(?:月|小时|钟头|星期|礼拜|工作日)/.test(after)) return 'duration';
  // 一次性补助: an idiom, not a count of times
  if (c.unit === '次' && /^性/.test(after)) return 'idiom';
  // 十三届三次会议, 政协十三届: the sitting of a body
  if (
    c.unit === '届' &&
    (/^[第\d一二三四五六七八九十]/.test(after) || MEETING_BODY.test(before) || MEETING_AFTER.test(after))
  )
    return 'meeting';
  if (c.unit === '次' && /届$/.test(before)) return 'meeting';
  if (insideTitle(before)) return 'title';
  // “四个最严”, "三品一标": a written-out numeral inside quotes is part of a slogan or a name
  if (c.chineseNumeral && insideQuotes(before)) return 'slogan';
  // 50万元以上仪器设备, 规模5000万元以上企业, 规模以上(年度营业收入1000万元以上): a bound written straight
  // onto a noun, or closing the aside that defines one, classifies the noun
  if (
    (c.kind === 'money' || c.kind === 'area') &&
    /以[上下]$/.test(c.sentence.slice(0, c.end)) &&
    (/^[\p{Script=Han}]/u.test(after) || (/^[)）]/u.test(after) && /[(（][^)）]*$/u.test(before)))
  )
    return 'threshold-in-label';
  // 这3大类产品, 上述5家: a figure already given, referred to again; so is a set opening its clause to
  // single one of its members out (八大类产品中,食品…合格率最高)
  if (/(?:这|那|该|上述|前述|此)$/.test(before)) return 'anaphora';
  if (/(?:^|[，,。；;：:])$/u.test(before) && /^[\p{Script=Han}]{0,4}中[，,]/u.test(after)) return 'anaphora';
  // 几十张, 数十家, 每一家: vague or distributive, not a figure
  if (/(?:几|若干|好几|每)$/.test(before) || (c.chineseNumeral && /数$/.test(before))) return 'vague';
  // 排名前20名城市: the size of a league table, not a count
  if (/前$/.test(before)) return 'top-n';
  // iPhone 11处理器, Mate 20款: a model name
  if (/[A-Za-z]\s?$/.test(before)) return 'model-name';
  if (c.chineseNumeral && c.kind === 'count' && !CHINESE_NUMERAL_COUNTERS.has(c.unit)) return 'prose-numeral';
  // 分为四个板块, 围绕三个方面: the parts of an account, not a count of anything achieved
  if (c.chineseNumeral && /(?:分为|分成|围绕|聚焦|突出|坚持|做到|抓好|包括)$/.test(before))
    return 'prose-numeral';
  // 反映了…等十一个方面, 分为四个板块: the parts of an account, not a count of anything achieved
  // 考核结果分4个等级, 提出4项质量措施: likewise
  if (
    c.kind === 'count' &&
    (/^(?:方面|板块|层面|维度|原则|部分|等级|等次|档次)/.test(after) ||
      /^[\p{Script=Han}]{0,2}(?:措施|举措)/u.test(after))
  )
    return 'structure';
  // 每届获奖企业不超过2个, 获奖单位数量每次不超过10个: a rule per edition or year, not a figure
  if (/每[届年次期批][^，,；;]*$/.test(before) && (c.qualifier === '<=' || c.qualifier === '<'))
    return 'rule';
  return null;
}

function insideQuotes(before: string): boolean {
  const ascii = (before.match(/"/g) ?? []).length % 2 === 1;
  return ascii || before.lastIndexOf('“') > before.lastIndexOf('”');
}

/** Inside 《…》 the number is part of a document or work title. */
function insideTitle(before: string): boolean {
  return before.lastIndexOf('《') > before.lastIndexOf('》');
}

/** Page furniture that ends the article body on portal pages (recommendations, comments, rankings). */
export const FURNITURE_HEAD =
  /^(?:新闻推荐|全部评论|相关新闻|相关阅读|猜你喜欢|热点阅读|频道推荐|热点排行|图文看点|评论[:：(（]|责任编辑|编辑[:：])/;
