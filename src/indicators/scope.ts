import type { Mention, Places } from './places.js';
import type { Level } from './schema.js';

/**
 * Whose figure it is. A figure belongs to the nearest scope named before it in its sentence (全省,
 * 我市, 泉州, 广东省72.7%), else to the document's own scope. Names that are not a subject are
 * skipped: a venue (在北京举行, 中国质量(杭州)大会), a publisher (广州日报讯, 来源:福州晚报), a
 * company (博世汽车部件(苏州)有限公司), a quoted slogan or a document title, and the baseline of a
 * comparison (比全国平均水平高, 高出全省平均水平).
 */
export interface Scope {
  level: Level;
  city: string | null;
}

export interface DocScope extends Scope {
  district: string | null;
  province: string | null;
  /** 全区 means the autonomous region (广西, 内蒙古…), not a district, in this document. */
  regionIsProvince: boolean;
}

const PUBLISHER_AFTER = /^(?:日报|晚报|早报|商报|都市报|新闻|报|网|电视台|广播|融媒)/;
const VENUE_AFTER = /^[^，,。；;：:]{0,15}?(?:举行|举办|召开|开幕|闭幕|揭晓|落幕)/;
const ORG_AFTER =
  /^[^，,。；;、“”《》()（）\s]{0,25}?(?:有限公司|股份|集团|公司|厂|大学|学院|银行|医院|研究院|研究所|设计部|协会|商会)/;
const COMPARED_BEFORE = /(?:比|较|高于|低于|高出|超过|优于|领先于|领先|占|与|同)$/;
const BASELINE_AFTER = /^(?:平均|同期|总量|总数)/;

/** Inside an open bracket or quote: looked for within the line, at most 200 characters back. */
function depth(text: string, at: number, open: RegExp, close: RegExp): boolean {
  let opened = -1;
  let closed = -1;
  for (let i = at - 1; i >= Math.max(0, at - 200) && (opened < 0 || closed < 0); i--) {
    const c = text[i] as string;
    if (c === '\n') break;
    if (opened < 0 && open.test(c)) opened = i;
    if (closed < 0 && close.test(c)) closed = i;
  }
  return opened > closed;
}

/** How a place mention is used: as a subject, weakly (inside quotes or a title), or not at all. */
export function mentionUse(text: string, m: { at: number; end: number }): 'subject' | 'weak' | 'none' {
  const before = text.slice(Math.max(0, m.at - 6), m.at);
  const after = text.slice(m.end, m.end + 30);
  if (PUBLISHER_AFTER.test(after) || /来源[:：]\s*$/.test(before) || /[【[]$/.test(before)) return 'none';
  // 中新社北京6月12日电, 央广网合肥3月2日消息: a dateline names where the report was filed
  if (/^\d{1,2}月\d{1,2}日(?:电|讯|消息)/.test(after)) return 'none';
  if (depth(text, m.at, /[(（]/, /[)）]/)) return 'none';
  if (/在$/.test(before) && VENUE_AFTER.test(after)) return 'none';
  if (ORG_AFTER.test(after)) return 'none';
  if (depth(text, m.at, /[“]/, /[”]/) || depth(text, m.at, /《/, /》/)) return 'weak';
  return 'subject';
}

const WORDS: { re: RegExp; level: Level | 'region' }[] = [
  { re: /全国|我国/gu, level: 'national' },
  { re: /全省|我省|本省|省内/gu, level: 'provincial' },
  { re: /全市|我市|本市|该市|市区/gu, level: 'city' },
  { re: /全区|我区|本区|该区|区内/gu, level: 'region' },
  // a county, or a county-level zone (高新区, 经开区) speaking of itself
  { re: /全县|我县|本县|该县|高新区|经开区|开发区/gu, level: 'district' },
];
/**
 * A scope word used as a modifier (全国首批, 全国和广西, 全国质量强市示范市) or as the field a subject
 * excels in (在全省率先, 达到全国领先, 是我国最大的) names no subject.
 */
const MODIFIER_AFTER =
  /^(?:[和、及与]|首|第|前|十大|百强|性|统一|质量强|示范|各地|范围内|平均|率先|领先|一流|前列|最)/;

/**
 * A place written onto a noun is a grade or a name, not whose figure it is: a province before
 * anything but a verb or a list (广西地方标准, 湖北名牌产品, 河南省省长质量奖), any place before an
 * award or a designation it grants (郑州市市长质量奖, 高新区主任质量奖).
 */
const PROVINCE_OWNS_AFTER =
  /^(?:[\d，,的共有拥累全各已新(（、和及与以在将也还均]|分别|位|排|居|名列|获|公布|发布|达|实现|完成|建成|现有|$)/u;
const AWARD_AFTER =
  /^(?:市长|区长|县长|省长|主任|主席|(?:市|区|县|省)?政府质量|质量(?:管理)?奖|名牌|著名商标|知名商标|老字号)/u;

export function writtenOntoNoun(text: string, m: { kind: string; end: number }): boolean {
  const after = text.slice(m.end);
  return AWARD_AFTER.test(after) || (m.kind === 'province' && !PROVINCE_OWNS_AFTER.test(after));
}

/**
 * 万控智造股份有限公司专注…,拥有专利340余项: a clause opening with a company (not a list of them)
 * speaks of the company from there on.
 */
const COMPANY_OPENING =
  /(?<=^|[，,；;：:])[^，,。；;、“”《》()（）\s]{2,30}?(?:股份有限公司|有限责任公司|有限公司|集团)/gu;
/** 徐工集团|工程机械股份有限公司: the rest of a name whose first part ended like a whole one. */
const NAME_GOES_ON = /^[^，,。；;、“”《》\s]{0,20}?(?:有限公司|公司)/u;

function openingCompanies(sentence: string): { at: number; end: number; name: string }[] {
  const out: { at: number; end: number; name: string }[] = [];
  for (const c of sentence.matchAll(COMPANY_OPENING)) {
    const at = c.index as number;
    let end = at + c[0].length;
    end += NAME_GOES_ON.exec(sentence.slice(end))?.[0].length ?? 0;
    // a list of companies (A公司、B公司等9家组织) names winners, not whom the clause speaks of
    if (/^[、和及与等(（]/u.test(sentence.slice(end))) continue;
    out.push({ at, end, name: sentence.slice(at, end) });
  }
  return out;
}

interface Marker extends Scope {
  at: number;
  end: number;
}

function wordLevel(level: Level | 'region', doc: DocScope): Level {
  if (level !== 'region') return level;
  return doc.regionIsProvince ? 'provincial' : 'district';
}

function markers(sentence: string, doc: DocScope, places: Places): Marker[] {
  const out: Marker[] = [];
  const companies = openingCompanies(sentence).map((c) => {
    const named = places.mentions(c.name).find((m) => m.kind !== 'province');
    return { at: c.at, end: c.end, level: 'enterprise' as const, city: named?.city ?? doc.city };
  });
  out.push(...companies);
  for (const w of WORDS) {
    for (const m of sentence.matchAll(w.re)) {
      const end = (m.index as number) + m[0].length;
      if (MODIFIER_AFTER.test(sentence.slice(end))) continue;
      const level = wordLevel(w.level, doc);
      out.push({
        at: m.index as number,
        end,
        level,
        city: level === 'city' || level === 'district' ? doc.city : null,
      });
    }
  }
  for (const m of places.mentions(sentence)) {
    if (companies.some((c) => m.at >= c.at && m.at < c.end)) continue;
    if (mentionUse(sentence, m) !== 'subject' || writtenOntoNoun(sentence, m)) continue;
    out.push(markerOf(m));
  }
  return out.sort((a, b) => a.at - b.at);
}

function markerOf(m: Mention): Marker {
  if (m.kind === 'province') return { at: m.at, end: m.end, level: 'provincial', city: null };
  return { at: m.at, end: m.end, level: m.kind === 'district' ? 'district' : 'city', city: m.city };
}

/** The scope of a figure whose number starts at `at` in `sentence`. */
const markerCache = new WeakMap<DocScope, Map<string, Marker[]>>();

/** The markers of a sentence, found once per sentence and document (a sentence has several figures). */
function sentenceMarkers(sentence: string, doc: DocScope, places: Places): Marker[] {
  let cache = markerCache.get(doc);
  if (!cache) {
    cache = new Map();
    markerCache.set(doc, cache);
  }
  let found = cache.get(sentence);
  if (!found) {
    found = markers(sentence, doc, places);
    cache.set(sentence, found);
  }
  return found;
}

export function figureScope(sentence: string, at: number, doc: DocScope, places: Places): Scope | null {
  const found = sentenceMarkers(sentence, doc, places).filter((m) => m.end <= at);
  for (let i = found.length - 1; i >= 0; i--) {
    const m = found[i] as Marker;
    const between = sentence.slice(m.end, at);
    // 远高于广东省72.7%: the place owns the figure right after it, comparison or not; the whole a share
    // is of (占全国的65%) never does
    const own = /^[的为是有共]?$/.test(between);
    const beforeMarker = sentence.slice(0, m.at);
    if (/占$/u.test(beforeMarker)) continue;
    if (!own && (COMPARED_BEFORE.test(beforeMarker) || BASELINE_AFTER.test(between))) continue;
    return { level: m.level, city: m.city };
  }
  return null;
}

/**
 * Whom a sentence speaks of, for the sentences after it in its paragraph: its last owning scope,
 * unless that is an item of a list of places (获此殊荣的还有江苏常州、…、甘肃天水) or a company.
 */
export function sentenceScope(sentence: string, doc: DocScope, places: Places): Scope | null {
  const last = sentenceMarkers(sentence, doc, places).at(-1);
  if (!last) return null;
  const listed =
    /[、和及与][^、，,。；;]{0,4}$/u.test(sentence.slice(0, last.at)) ||
    /^[、和及与]/u.test(sentence.slice(last.end));
  const scope = listed ? null : figureScope(sentence, sentence.length, doc, places);
  // a company is spoken of in its own sentence; the report then returns to its subject
  return scope?.level === 'enterprise' ? null : scope;
}

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/**
 * The document's own scope: a city named in the title, else the first city the body names as a
 * subject, else the configured source's city; a province named in the title without a city makes
 * a provincial document; 我国/全国/总局 with no city or province a national one.
 */
export function documentScope(
  parts: { title: string; body: string; defaultCity?: string | undefined },
  places: Places,
): DocScope {
  const configured = parts.defaultCity ? places.parse(parts.defaultCity) : null;
  const used = (text: string) => places.mentions(text).map((m) => ({ ...m, use: mentionUse(text, m) }));
  const bodyMentions = used(parts.body);
  const firstOf = (text: string, use: 'subject' | 'weak') =>
    (text === parts.body ? bodyMentions : used(text)).filter(
      (m) => m.use === 'subject' || (use === 'weak' && m.use === 'weak'),
    );
  const title = firstOf(parts.title, 'subject').filter((m) => !writtenOntoNoun(parts.title, m));
  const body = parts.body;
  const titleCity = title.find((m) => m.kind !== 'province');
  const titleProvince = title.find((m) => m.kind === 'province');
  const bodySubjects = firstOf(body, 'subject').filter((m) => !writtenOntoNoun(body, m));
  const bodyCity =
    bodySubjects.find((m) => m.kind === 'city') ?? firstOf(body, 'weak').find((m) => m.kind === 'city');
  const bodyDistrict = bodySubjects.find((m) => m.kind === 'district');

  const cityWords = count(body, /我市|全市|本市|该市/g);
  const districtWords = count(body, /我区|本区|全区|该区|我县|全县|本县/g);
  const provinceWords = count(body, /我省|全省|本省/g);
  const nationalWords = count(`${parts.title}${body}`, /我国|全国|总局|国务院/g);

  const make = (
    level: Level,
    city: string | null,
    province: string | null,
    district: string | null = null,
  ) => {
    const prov = province ?? (city ? (places.mentions(city)[0]?.province ?? null) : null);
    return {
      level,
      city,
      district,
      province: prov,
      regionIsProvince: level !== 'district' && prov !== null && places.autonomous.has(prov),
    };
  };

  // 珠海市金湾区…工作情况: a district named in the title (after its city, or alone) makes a district's text
  const titleDistrict = title.find((m) => m.kind === 'district' && (!titleCity || titleCity.city === m.city));
  if (titleDistrict) return make('district', titleDistrict.city, titleDistrict.province, titleDistrict.name);
  if (titleCity) return make('city', titleCity.city, titleCity.province);
  if (titleProvince) return make('provincial', null, titleProvince.province);
  if (/我国|全国/.test(parts.title)) return make('national', null, null);
  if (configured?.district && districtWords > 0)
    return make('district', configured.city, configured.province, configured.district);
  // a text that says 我市 before it names any city speaks from the configured city's own outlet
  const ownWord = body.search(/我市|本市/u);
  const speaksAsConfigured =
    configured?.city &&
    (bodyMentions.some((m) => m.city === configured.city) ||
      (ownWord >= 0 && (!bodyCity || ownWord < bodyCity.at)));
  if (speaksAsConfigured && configured?.city) return make('city', configured.city, configured.province);
  // 安徽省质监局获悉,去年,安徽省以…: a text that first names a province, and never says 我市, is the province's
  const first = bodySubjects[0];
  const nationalBefore = (at: number) => /我国|全国|总局|国务院/u.test(body.slice(0, at));
  if (first?.kind === 'province' && cityWords === 0 && districtWords === 0 && !nationalBefore(first.at))
    return make('provincial', null, first.province);
  if (bodyCity) return make('city', bodyCity.city, bodyCity.province);
  if (districtWords > cityWords && districtWords > provinceWords)
    return make(
      'district',
      configured?.city ?? bodyDistrict?.city ?? null,
      bodyDistrict?.province ?? null,
      bodyDistrict?.name ?? null,
    );
  if (cityWords > 0 && configured?.city) return make('city', configured.city, configured.province);
  if (provinceWords > 0 && provinceWords >= cityWords) return make('provincial', null, null);
  if (nationalWords > 0 && cityWords === 0) return make('national', null, null);
  if (configured?.city) return make('city', configured.city, configured.province);
  return make('city', null, null);
}
