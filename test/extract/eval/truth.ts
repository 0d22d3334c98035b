/**
 * The development set's truth resolved against the page: titles and bodies are kept as anchors
 * (a few characters at each end), never as copied text, and become text only here, at test time,
 * from the saved page itself. A count of characters checks that an anchor still lands where it was
 * hand-checked; a page that no longer resolves is an error, not a silent zero.
 */
import { pageLines } from './page-lines.js';

export interface DevPage {
  file: string;
  /**
   * The page's true encoding (a WHATWG label), for resolving the truth from the bytes independently of
   * our decoder; omitted for UTF-8. The extractors see what src/decode makes of the same bytes.
   */
  encoding?: string;
  /** Headline: its first and last characters and its length, as the page prints it. */
  title: [head: string, tail: string, length: number];
  /**
   * Publish time at the precision the page prints it, Beijing time: 'YYYY-MM-DD', 'YYYY-MM-DD HH:mm'
   * or 'YYYY-MM-DD HH:mm:ss'; null when the page prints none (or none with a year).
   */
  time: string | null;
  body: {
    /** Start of the first body line (the line is taken from there on). */
    from: string;
    /** End of the last body line (taken up to there). */
    to: string;
    /** Lines inside that span that are not the article, by their first characters. */
    drop?: string[];
    /** Non-space characters of the resolved body: checks the anchors. */
    chars: number;
  };
  /** Why, where the choice is not obvious. */
  note?: string;
}

export interface ResolvedTruth {
  title: string;
  body: string;
  /** Lines the body was made of (for --verbose review). */
  lines: string[];
  dropped: string[];
}

export function nonSpace(s: string): number {
  let n = 0;
  for (const ch of s) if (!/\s/u.test(ch)) n++;
  return n;
}

/** Where a headline may be printed: a line, a <meta>, or a headline broken over up to three lines. */
export function titlePlaces(lines: string[], metas: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    joined.push(lines[i]! + lines[i + 1]!);
    if (i + 2 < lines.length) joined.push(lines[i]! + lines[i + 1]! + lines[i + 2]!);
  }
  return [...lines, ...metas, ...joined];
}

export function resolveTitle(
  lines: string[],
  metas: string[],
  [head, tail, length]: DevPage['title'],
): string {
  const found = new Set<string>();
  for (const l of titlePlaces(lines, metas)) {
    for (let i = l.indexOf(head); i >= 0; i = l.indexOf(head, i + 1)) {
      const t = l.slice(i, i + length);
      if (t.length === length && t.endsWith(tail)) found.add(t);
    }
  }
  if (found.size !== 1) throw new Error(`title ${head}…${tail} (${length}) resolves to ${found.size} texts`);
  return [...found][0]!;
}

export function resolveBody(lines: string[], body: DevPage['body']): { kept: string[]; dropped: string[] } {
  const start = lines.findIndex((l) => l.includes(body.from));
  if (start < 0) throw new Error(`body start "${body.from}" not found`);
  let end = -1;
  for (let i = start; i < lines.length; i++) {
    const at = lines[i]!.indexOf(body.to, i === start ? lines[i]!.indexOf(body.from) : 0);
    if (at >= 0) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`body end "${body.to}" not found after its start`);
  const kept: string[] = [];
  const dropped: string[] = [];
  for (let i = start; i <= end; i++) {
    let l = lines[i]!;
    if (i === end)
      l = l.slice(0, l.indexOf(body.to, i === start ? l.indexOf(body.from) : 0) + body.to.length);
    if (i === start) l = l.slice(l.indexOf(body.from));
    if (body.drop?.some((d) => l.startsWith(d))) dropped.push(l);
    else kept.push(l);
  }
  return { kept, dropped };
}

export function resolveTruth(html: string, page: DevPage): ResolvedTruth {
  const { lines, metas } = pageLines(html);
  const title = resolveTitle(lines, metas, page.title);
  const { kept, dropped } = resolveBody(lines, page.body);
  const body = kept.join('\n');
  const chars = nonSpace(body);
  if (page.body.chars !== chars)
    throw new Error(`${page.file}: body resolves to ${chars} characters, hand-checked ${page.body.chars}`);
  return { title, body, lines: kept, dropped };
}
