import iconv from 'iconv-lite';

/**
 * Mojibake scoring. A right decoding of Chinese text is made almost entirely of the few thousand
 * characters the GB2312 and Big5 standards rank as frequently used; a wrong one (Big5 bytes read as GBK,
 * GBK read as Big5, UTF-8 read as GBK) scatters into rare ideographs, private-use code points, C1 controls
 * and U+FFFD. The score is the mean cost per non-ASCII character: lower is better.
 */

const COMMON = new Set<number>();
const LESS_COMMON = new Set<number>();

function addRange(
  set: Set<number>,
  codec: string,
  leadFrom: number,
  leadTo: number,
  trails: Array<[number, number]>,
) {
  const bytes: number[] = [];
  for (let lead = leadFrom; lead <= leadTo; lead++) {
    for (const [from, to] of trails) for (let t = from; t <= to; t++) bytes.push(lead, t);
  }
  for (const ch of iconv.decode(Buffer.from(bytes), codec)) {
    const cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff)) set.add(cp);
  }
}

const GB_TRAIL: Array<[number, number]> = [[0xa1, 0xfe]];
const BIG5_TRAIL: Array<[number, number]> = [
  [0x40, 0x7e],
  [0xa1, 0xfe],
];
// GB2312 symbols (rows 1-9: punctuation, full-width forms, pinyin letters) and level-1 hanzi.
addRange(COMMON, 'gb18030', 0xa1, 0xa9, GB_TRAIL);
addRange(COMMON, 'gb18030', 0xb0, 0xd7, GB_TRAIL);
// Big5 symbols and frequently used hanzi.
addRange(COMMON, 'big5hkscs', 0xa1, 0xa3, BIG5_TRAIL);
addRange(COMMON, 'big5hkscs', 0xa4, 0xc6, BIG5_TRAIL);
addRange(LESS_COMMON, 'gb18030', 0xd8, 0xf7, GB_TRAIL);
addRange(LESS_COMMON, 'big5hkscs', 0xc9, 0xf9, BIG5_TRAIL);

const COST_COMMON = 0;
const COST_LESS_COMMON = 0.3;
const COST_RARE = 1;
const COST_BROKEN = 4;

function costOf(cp: number): number {
  if (cp === 0xfffd) return COST_BROKEN;
  if (cp >= 0x80 && cp <= 0x9f) return COST_BROKEN; // C1 controls: bytes decoded as Latin-1-ish
  if ((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) return COST_BROKEN; // private use
  if (COMMON.has(cp)) return COST_COMMON;
  if (cp <= 0xff) return COST_COMMON; // Latin-1 letters and no-break space
  if ((cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff5e)) {
    return COST_COMMON; // punctuation every encoding renders alike
  }
  if (LESS_COMMON.has(cp)) return COST_LESS_COMMON;
  return COST_RARE;
}

export interface DecodingScore {
  /** Mean cost per non-ASCII character, 0 (clean) … 4 (all broken). */
  score: number;
  nonAscii: number;
  replacement: number;
  /** Mean cost of the non-ASCII characters other than U+FFFD: how clean the text around the damage is. */
  scoreIgnoringReplacement: number;
}

export function scoreDecoding(text: string): DecodingScore {
  let total = 0;
  let nonAscii = 0;
  let replacement = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) continue;
    nonAscii++;
    if (cp === 0xfffd) replacement++;
    total += costOf(cp);
  }
  const intact = nonAscii - replacement;
  return {
    score: nonAscii === 0 ? 0 : total / nonAscii,
    nonAscii,
    replacement,
    scoreIgnoringReplacement: intact === 0 ? 0 : (total - replacement * COST_BROKEN) / intact,
  };
}
