/**
 * Date parsing for Chinese pages. Pure. Every result is ISO 8601 in China time (+08:00), because
 * the sources are Chinese and a page that gives no zone means Beijing time.
 */

const CN_OFFSET_MIN = 8 * 60;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function validDate(y: number, mo: number, d: number): boolean {
  if (y < 1980 || y > 2100 || mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function validTime(h: number, mi: number, s: number): boolean {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 59;
}

/** Formats wall-clock parts already in China time. */
function formatCn(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string {
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`;
}

/** Converts an instant to China wall-clock time. */
function formatInstant(ms: number): string {
  const t = new Date(ms + CN_OFFSET_MIN * 60_000);
  return formatCn(
    t.getUTCFullYear(),
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  );
}

// One pattern for the numeric forms: 2021-09-23 10:27:45, 2023/06/07, 2023.06.07, 2019-09-11T07:45:00+08:00,
// and one for 2023年5月26日 [10:20 | 10时20分]. Lookarounds keep us from reading digits out of longer numbers.
const NUMERIC =
  /(?<![\d.])((?:19|20)\d{2})([-/.])(\d{1,2})\2(\d{1,2})(?![\d/])(?:(?:T|\s+|&nbsp;|-)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?/;
const CHINESE =
  /(?<!\d)((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号](?:\s*(?:[上下]午)?\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2})\s*秒?)?)?/;
// Compact forms used in URLs and some meta tags: 20230607 or 20230607093200 (only when whole).
const COMPACT = /^((?:19|20)\d{2})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;

export type Precision = 'day' | 'minute' | 'second';

export interface DateMatch {
  iso: string;
  /** Where the date text starts and ends in the input. */
  index: number;
  length: number;
  hasTime: boolean;
  /** How much of the clock the text gives: compare dates only to this precision. */
  precision: Precision;
}

/** Characters of the ISO form that `precision` covers: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:mm', or to the second. */
export function isoPrefix(iso: string, precision: Precision): string {
  return iso.slice(0, precision === 'day' ? 10 : precision === 'minute' ? 16 : 19);
}

function fromParts(
  y: number,
  mo: number,
  d: number,
  h: number | undefined,
  mi: number | undefined,
  s: number | undefined,
  zone: string | undefined,
): string | null {
  if (!validDate(y, mo, d)) return null;
  const hh = h ?? 0;
  const mm = mi ?? 0;
  const ss = s ?? 0;
  // A garbled clock ("25:61") does not make the day wrong.
  if (!validTime(hh, mm, ss)) return formatCn(y, mo, d);
  if (!zone) return formatCn(y, mo, d, hh, mm, ss);
  let offsetMin = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return formatInstant(Date.UTC(y, mo - 1, d, hh, mm, ss) - offsetMin * 60_000);
}

function num(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}

function precisionOf(hour: string | undefined, second: string | undefined): Precision {
  return hour === undefined ? 'day' : second === undefined ? 'minute' : 'second';
}

function numericAt(n: RegExpExecArray): DateMatch | null {
  let zone = n[8];
  let length = n[0].length;
  // "10:00-17:00" is a time range, not a UTC-17 offset: a minus zone only counts in the ISO form.
  if (zone?.startsWith('-') && !/\dT\d/.test(n[0])) {
    length -= zone.length;
    zone = undefined;
  }
  const iso = fromParts(Number(n[1]), Number(n[3]), Number(n[4]), num(n[5]), num(n[6]), num(n[7]), zone);
  if (!iso) return null;
  const clock = n[5] !== undefined && validTime(Number(n[5]), Number(n[6]), Number(n[7] ?? 0));
  return { iso, index: n.index, length, hasTime: clock, precision: clock ? precisionOf(n[5], n[7]) : 'day' };
}

function chineseAt(c: RegExpExecArray): DateMatch | null {
  let hour = num(c[4]);
  // 下午3时 means 15:00
  if (hour !== undefined && hour < 12 && /下午/.test(c[0])) hour += 12;
  const iso = fromParts(Number(c[1]), Number(c[2]), Number(c[3]), hour, num(c[5]), num(c[6]), undefined);
  if (!iso) return null;
  const clock = hour !== undefined && validTime(hour, Number(c[5]), Number(c[6] ?? 0));
  return {
    iso,
    index: c.index,
    length: c[0].length,
    hasTime: clock,
    precision: clock ? precisionOf(c[4], c[6]) : 'day',
  };
}

/** Finds the first date (with time when given) in free text. */
export function findDate(text: string): DateMatch | null {
  return findDates(text, 1)[0] ?? null;
}

/** Every date in the text, in order (at most `max`): a byline can print a publish and an update time. */
export function findDates(text: string, max = 8): DateMatch[] {
  const out: DateMatch[] = [];
  const numeric = new RegExp(NUMERIC.source, 'g');
  const chinese = new RegExp(CHINESE.source, 'g');
  for (const [re, at] of [
    [numeric, numericAt],
    [chinese, chineseAt],
  ] as const) {
    for (let m = re.exec(text); m && out.length < max * 2; m = re.exec(text)) {
      const d = at(m);
      if (d) out.push(d);
    }
  }
  out.sort((a, b) => a.index - b.index);
  return out.slice(0, max);
}

/** A date printed without its year ("10-08 12:00"), or with two digits of it ("18-03-08 23:16"). */
export interface PartialDate {
  year: number | null;
  month: number;
  day: number;
  hour: number | undefined;
  minute: number | undefined;
}

// Byline forms only (the caller has seen a 发布时间 label first): MM-DD HH:mm, YY-MM-DD HH:mm, the
// clock sometimes glued to the day ("10-0812:00").
const PARTIAL = /^(?:(\d{2})-)?(\d{2})-(\d{2})(?:\s*(\d{2}):(\d{2}))?(?![\d:])/;

export function parsePartialDate(text: string): PartialDate | null {
  const m = PARTIAL.exec(text.trim());
  if (!m) return null;
  const year = m[1] === undefined ? null : 2000 + Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day, hour: num(m[4]), minute: num(m[5]) };
}

/** A partial date made whole, when a year is known; null if the parts make no real date. */
export function completeDate(p: PartialDate, year: number): DateMatch | null {
  const iso = fromParts(year, p.month, p.day, p.hour, p.minute, undefined, undefined);
  if (!iso) return null;
  return {
    iso,
    index: 0,
    length: 0,
    hasTime: p.hour !== undefined,
    precision: p.hour === undefined ? 'day' : 'minute',
  };
}

/**
 * Parses a value that should be a date as a whole (a meta tag's content, a `datetime` attribute):
 * the forms findDate knows, compact digits, and epoch seconds or milliseconds.
 */
export function parseDate(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  const compact = COMPACT.exec(v);
  if (compact) {
    return fromParts(
      Number(compact[1]),
      Number(compact[2]),
      Number(compact[3]),
      num(compact[4]),
      num(compact[5]),
      num(compact[6]),
      undefined,
    );
  }
  if (/^\d{10}(\d{3})?$/.test(v)) {
    const ms = v.length === 10 ? Number(v) * 1000 : Number(v);
    const year = new Date(ms).getUTCFullYear();
    return year >= 1980 && year <= 2100 ? formatInstant(ms) : null;
  }
  return findDate(v)?.iso ?? null;
}
