import type { Qualifier } from './schema.js';

/**
 * Words that hedge or bound a number: [word, qualifier, approx]. `approx` marks a hedged figure
 * (近, 约, 多, 余) as opposed to a stated bound (超过, 以上, 不超过). 以上/以下/以内 include the
 * number itself, as Chinese official usage defines them. Longest first so 超过 wins over 超.
 */
type Hedge = [string, Qualifier, boolean];
const PREFIX: Hedge[] = [
  ['不超过', '<=', false],
  ['不少于', '>=', false],
  ['不低于', '>=', false],
  ['将近', '~', true],
  ['接近', '~', true],
  ['大约', '~', true],
  ['超过', '>', false],
  ['高于', '>', false],
  ['多于', '>', false],
  ['突破', '>', false],
  ['不足', '<', false],
  ['不到', '<', false],
  ['低于', '<', false],
  ['近', '~', true],
  ['约', '~', true],
  ['超', '>', false],
  ['逾', '>', false],
];
/** Words after the number (or between number and unit: 1300多万元, 1000余家次). */
const SUFFIX: Hedge[] = [
  ['左右', '~', true],
  ['上下', '~', true],
  ['以上', '>=', false],
  ['以下', '<=', false],
  ['以内', '<=', false],
  ['多', '>=', true],
  ['余', '>=', true],
];

export const PREFIX_PATTERN = PREFIX.map(([w]) => w).join('|');
export const SUFFIX_PATTERN = SUFFIX.map(([w]) => w).join('|');

export interface Hedging {
  qualifier: Qualifier;
  approx: boolean;
}

const find = (table: Hedge[], word: string | undefined) => table.find(([w]) => w === word);

/**
 * A number can carry a prefix and suffixes (超1000余家); the prefix is the writer's main claim.
 * Any hedging word makes the figure approximate.
 */
export function hedging(prefix: string | undefined, ...suffixes: (string | undefined)[]): Hedging {
  const p = find(PREFIX, prefix);
  const s = suffixes.map((w) => find(SUFFIX, w)).filter((x): x is Hedge => x !== undefined);
  const qualifier = p?.[1] ?? s[0]?.[1] ?? null;
  const approx = Boolean(p?.[2] || s.some((x) => x[2]));
  return { qualifier, approx };
}
