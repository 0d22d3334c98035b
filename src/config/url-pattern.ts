import { RE2JS } from 're2js';

/**
 * Links longer than this are never tested against a source's patterns: no article URL is that long, and
 * it bounds the work one link can cost.
 */
export const MAX_MATCHED_URL_LENGTH = 2048;

export interface UrlPattern {
  /** True when the pattern matches somewhere in the URL (like RegExp#test). */
  test(url: string): boolean;
}

/**
 * A source's articlePattern / paginationPattern, written as a JavaScript regular expression and run by
 * RE2 (re2js): matching time is linear in the URL whatever the pattern, so `(a+)+$` cannot stall
 * discovery. re2js translates JavaScript syntax (`\u4e00`, named groups); lookaround and backreferences,
 * which need backtracking, are refused. Throws with RE2's reason when the pattern does not compile.
 */
export function compileUrlPattern(pattern: string): UrlPattern {
  const re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  return { test: (url) => url.length <= MAX_MATCHED_URL_LENGTH && re.test(url) };
}
