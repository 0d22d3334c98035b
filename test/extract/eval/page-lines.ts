/**
 * The page as a reader sees its text: lines in document order, broken at block elements and <br>,
 * script/style dropped. Built with linkedom (not with our extractor's own line map), so the truth of
 * the development set resolves the same way whatever the extractor does.
 */
import { parseHTML } from 'linkedom';

const BLOCK = new Set(
  (
    'address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure ' +
    'footer form h1 h2 h3 h4 h5 h6 head header hr html li main nav ol p pre section summary table tbody td tfoot ' +
    'th thead title tr ul'
  ).split(' '),
);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'textarea', 'select']);

interface DomLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomLike>;
  getAttribute?: (name: string) => string | null;
}

export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

/**
 * The page parsed by linkedom as a browser would see it. linkedom (htmlparser2) ends the document at
 * the first </html>, and gov.cn templates print a stray one mid-page; a browser ignores end tags of
 * html and body (the HTML spec's "after body" rules), so they are dropped here first. A page without
 * an <html> start tag gets one, as a browser would.
 */
/** The document opens with its <html> tag (after any doctype and comments). */
const STARTS_WITH_HTML = /^\s*(?:<!--[\s\S]*?-->\s*|<!doctype[^>]*>\s*|<\?xml[^>]*>\s*)*<html[\s>]/i;

export function parseLikeBrowser(html: string) {
  const body = html.replace(/<\/(?:html|body)\s*>/gi, '');
  // A page saved without its <html> tag (it starts at <head>) still has one in a browser; linkedom
  // would make <head> the document element and leave <body> outside it.
  return parseHTML(STARTS_WITH_HTML.test(body) ? body : `<html>${body}</html>`);
}

/** Visible text lines of the page, plus every <meta content> (some headlines are only there). */
export function pageLines(html: string): { lines: string[]; metas: string[] } {
  const { document } = parseLikeBrowser(html);
  const lines: string[] = [];
  let buf = '';
  const flush = () => {
    const t = squash(buf);
    if (t) lines.push(t);
    buf = '';
  };
  // Iterative: some real pages nest deeper than the call stack allows.
  const stack: (DomLike | 'close')[] = [document.documentElement as unknown as DomLike];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === 'close') {
      flush();
      continue;
    }
    if (n.nodeType === 3) {
      buf += n.textContent ?? '';
      continue;
    }
    if (n.nodeType !== 1) continue;
    const name = n.nodeName.toLowerCase();
    if (SKIP.has(name)) continue;
    if (name === 'br') {
      flush();
      continue;
    }
    const block = BLOCK.has(name);
    if (block) {
      flush();
      stack.push('close');
    }
    for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]!);
  }
  flush();
  const metas: string[] = [];
  for (const m of document.querySelectorAll('meta[content]')) {
    const c = squash(m.getAttribute('content') ?? '');
    if (c) metas.push(c);
  }
  return { lines, metas };
}
