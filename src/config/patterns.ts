import { RE2JS } from 're2js';
import { z } from 'zod';

/** A pattern from config, tested against URLs, labels or sentences. */
export interface Pattern {
  /** True when the pattern matches somewhere in the text (like RegExp#test). */
  test(text: string): boolean;
}

/**
 * Patterns in config (sources' link patterns, the metric catalogue) are written as JavaScript regular
 * expressions and run by RE2 (re2js): matching time is linear in the text whatever the pattern, so an
 * edit like `(a+)+$` cannot stall discovery or the indicator pass. re2js translates JavaScript syntax
 * (`\u4e00`, named groups); lookaround and backreferences, which need backtracking, are refused.
 * Throws with RE2's reason when the pattern does not compile.
 */
export function compileLinear(pattern: string): Pattern {
  const re = RE2JS.compile(RE2JS.translateRegExp(pattern));
  return { test: (text) => re.test(text) };
}

/** A pattern field: refused at load, naming the field, with RE2's reason when RE2 cannot run it. */
export const linearPattern = z.string().superRefine((s, ctx) => {
  try {
    compileLinear(s);
  } catch (err) {
    ctx.addIssue({
      code: 'custom',
      message: `not a usable pattern (run by RE2 in linear time: no lookaround or backreferences): ${(err as Error).message}`,
    });
  }
});

/**
 * Links longer than this are never tested against a source's patterns: no article URL is that long, and
 * it bounds the work one link can cost.
 */
export const MAX_MATCHED_URL_LENGTH = 2048;

/** A source's articlePattern / paginationPattern as discovery runs it: RE2, on URLs of bounded length. */
export function compileUrlPattern(pattern: string): Pattern {
  const re = compileLinear(pattern);
  return { test: (url) => url.length <= MAX_MATCHED_URL_LENGTH && re.test(url) };
}
