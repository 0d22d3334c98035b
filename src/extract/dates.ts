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

export interface DateMatch {
  iso: string;
  /** Where the date text starts and ends in the input. */
  index: number;
  length: number;
  hasTime: boolean;
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

/** Finds the first date (with time when given) in free text. */
export function findDate(text: string): DateMatch | null {
  const candidates: DateMatch[] = [];
  const n = NUMERIC.exec(text);
  if (n) {
    const iso = fromParts(Number(n[1]), Number(n[3]), Number(n[4]), num(n[5]), num(n[6]), num(n[7]), n[8]);
    if (iso) candidates.push({ iso, index: n.index, length: n[0].length, hasTime: n[5] !== undefined });
  }
  const c = CHINESE.exec(text);
  if (c) {
    let hour = num(c[4]);
    // 下午3时 means 15:00
    if (hour !== undefined && hour < 12 && /下午/.test(c[0])) hour += 12;
    const iso = fromParts(Number(c[1]), Number(c[2]), Number(c[3]), hour, num(c[5]), num(c[6]), undefined);
    if (iso) candidates.push({ iso, index: c.index, length: c[0].length, hasTime: c[4] !== undefined });
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => a.index - b.index);
  return candidates[0] ?? null;
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
