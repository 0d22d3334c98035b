/**
 * Flattens a DOM subtree into visual lines in document order, in one pass: block elements and <br>
 * end a line, inline elements join it. Every element gets the half-open range of lines it produced,
 * so "the text of this element" is a slice of the line array and per-element sums are prefix-sum
 * lookups (no walk per candidate, nothing quadratic).
 */
import { countChars, type DomElement, type DomNode, type DomParent, isElement, squash } from './dom.js';

export interface Line {
  text: string;
  /** Non-whitespace characters. */
  chars: number;
  /** Of which inside <a>. */
  linkChars: number;
  /** Sentence punctuation count, the best single sign of prose in Chinese. */
  punct: number;
  /** Nearest block element that the line belongs to. */
  block: DomElement | null;
  /** Inside h1–h6. */
  heading: boolean;
  /** Inside <figcaption> or an element named like a caption. */
  caption: boolean;
  /** Inside <pre> or <code>: program text, neither prose nor furniture. */
  code: boolean;
  /** Nearest enclosing <table>, for telling a data table (an agenda, a results list) from layout. */
  table: DomElement | null;
}

export interface LineMap {
  lines: Line[];
  /** Element → [first line, end) in `lines`. Only block elements that produced lines. */
  ranges: Map<DomElement, [number, number]>;
  /** Block elements in document (pre-)order. */
  blocks: DomElement[];
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'form',
  'caption',
]);

// Colons are left out: "编辑：张三" is a label, not a sentence.
const PUNCT = /[，。！？；、“”,;!?]/g;

interface Frame {
  el: DomElement;
  start: number;
  block: boolean;
  link: boolean;
  heading: boolean;
  caption: boolean;
  code: boolean;
  table: boolean;
}

export function buildLines(root: DomParent, skip: (el: DomElement) => boolean): LineMap {
  const lines: Line[] = [];
  const ranges = new Map<DomElement, [number, number]>();
  const blocks: DomElement[] = [];

  let buf = '';
  let bufLink = 0;
  let linkDepth = 0;
  let headingDepth = 0;
  let captionDepth = 0;
  let codeDepth = 0;
  const blockStack: DomElement[] = [];
  const tableStack: DomElement[] = [];

  const flush = () => {
    if (buf === '') return;
    const text = squash(buf);
    if (text) {
      const chars = countChars(text);
      lines.push({
        text,
        chars,
        linkChars: Math.min(bufLink, chars),
        punct: text.match(PUNCT)?.length ?? 0,
        block: blockStack[blockStack.length - 1] ?? null,
        heading: headingDepth > 0,
        caption: captionDepth > 0,
        code: codeDepth > 0,
        table: tableStack[tableStack.length - 1] ?? null,
      });
    }
    buf = '';
    bufLink = 0;
  };

  // Iterative walk: a frame is pushed on entering an element and closed when its marker pops.
  type Item = { node: DomNode | DomParent } | { close: Frame };
  const stack: Item[] = [];
  const rootChildren = 'children' in root ? root.children : [];
  for (let i = rootChildren.length - 1; i >= 0; i--) stack.push({ node: rootChildren[i]! });

  while (stack.length) {
    const item = stack.pop()!;
    if ('close' in item) {
      const f = item.close;
      if (f.block) flush();
      if (f.link) linkDepth--;
      if (f.heading) headingDepth--;
      if (f.caption) captionDepth--;
      if (f.code) codeDepth--;
      if (f.table) tableStack.pop();
      if (f.block) {
        blockStack.pop();
        if (lines.length > f.start) ranges.set(f.el, [f.start, lines.length]);
      }
      continue;
    }
    const node = item.node;
    if (node.type === 'text' && 'data' in node) {
      const data = node.data;
      buf += data;
      if (linkDepth > 0) bufLink += countChars(data);
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.name;
    if (name === 'br') {
      flush();
      continue;
    }
    if (skip(node)) continue;
    const block = BLOCK_TAGS.has(name);
    const frame: Frame = {
      el: node,
      start: 0,
      block,
      link: name === 'a',
      heading: name.length === 2 && name[0] === 'h' && name[1]! >= '1' && name[1]! <= '6',
      code: name === 'pre' || name === 'code',
      caption: name === 'figcaption' || /caption|pic-?info|img-?desc|imgtxt/i.test(node.attribs.class ?? ''),
      table: name === 'table',
    };
    if (block) {
      flush();
      frame.start = lines.length;
      blockStack.push(node);
      blocks.push(node);
    }
    if (frame.link) linkDepth++;
    if (frame.heading) headingDepth++;
    if (frame.caption) captionDepth++;
    if (frame.code) codeDepth++;
    if (frame.table) tableStack.push(node);
    stack.push({ close: frame });
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]! });
  }
  flush();
  return { lines, ranges, blocks };
}
