import { findDate } from '../extract/dates.js';
import type { Article } from '../extract/index.js';

/**
 * A plain-text article in the seed format (`NNN_<hash16>.txt`): the whole text is the article, its
 * first non-empty line the title. A date printed in the first lines (as seeds 000, 001 and 004 have)
 * is the publish time, so periods like 今年 resolve as they would on the page.
 */
export function articleFromText(raw: string, url: string): Article {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  const lines = text.split('\n').filter((l) => l.trim());
  const head = lines.slice(0, 6).join('\n');
  return {
    url,
    canonicalFromPage: false,
    title: lines[0]?.trim() ?? '',
    subtitle: null,
    publishedAt: findDate(head)?.iso ?? null,
    source: /来源[:：]\s*([^\s|｜]+)/.exec(head)?.[1] ?? null,
    author: null,
    editor: null,
    reporter: null,
    text,
  };
}
