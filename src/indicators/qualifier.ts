import type { Qualifier } from './schema.js';

/** Words before a number that hedge it. Longest first so 超过 wins over 超. */
const PREFIX: [string, Qualifier][] = [
  ['将近', '~'],
  ['接近', '~'],
  ['大约', '~'],
  ['近', '~'],
  ['约', '~'],
  ['超过', '>'],
  ['高于', '>'],
  ['多于', '>'],
  ['超', '>'],
  ['逾', '>'],
  ['不足', '<'],
  ['不到', '<'],
  ['低于', '<'],
];
/** Words after the number (or between number and unit: 1300多万元, 1000余家次). */
const SUFFIX: [string, Qualifier][] = [
  ['左右', '~'],
  ['上下', '~'],
  ['以上', '>'],
  ['以下', '<='],
  ['以内', '<='],
  ['多', '>='],
  ['余', '>='],
];

export const PREFIX_PATTERN = PREFIX.map(([w]) => w).join('|');
export const SUFFIX_PATTERN = SUFFIX.map(([w]) => w).join('|');

export function prefixQualifier(word: string | undefined): Qualifier {
  return PREFIX.find(([w]) => w === word)?.[1] ?? null;
}

export function suffixQualifier(word: string | undefined): Qualifier {
  return SUFFIX.find(([w]) => w === word)?.[1] ?? null;
}

/** A number can carry a prefix and a suffix (超1000余家); the prefix is the writer's main claim. */
export function combineQualifiers(prefix: Qualifier, ...suffixes: Qualifier[]): Qualifier {
  return prefix ?? suffixes.find((q) => q !== null) ?? null;
}
