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

function frameOf(node: DomElement): Frame {
  const name = node.name;
  return {
    el: node,
    start: 0,
    block: BLOCK_TAGS.has(name),
    link: name === 'a',
    heading: name.length === 2 && name[0] === 'h' && name[1]! >= '1' && name[1]! <= '6',
    code: name === 'pre' || name === 'code',
    caption: name === 'figcaption' || /caption|pic-?info|img-?desc|imgtxt/i.test(node.attribs.class ?? ''),
    table: name === 'table',
  };
}

/** The line map under construction: the text of the open line and what encloses it. */
class LineWriter {
  readonly lines: Line[] = [];
  readonly ranges = new Map<DomElement, [number, number]>();
  readonly blocks: DomElement[] = [];
  private buf = '';
  private bufLink = 0;
  private linkDepth = 0;
  private headingDepth = 0;
  private captionDepth = 0;
  private codeDepth = 0;
  private readonly blockStack: DomElement[] = [];
  private readonly tableStack: DomElement[] = [];

  text(data: string): void {
    this.buf += data;
    if (this.linkDepth > 0) this.bufLink += countChars(data);
  }

  /** Ends the open line (block boundaries and <br>). */
  flush(): void {
    if (this.buf === '') return;
    const text = squash(this.buf);
    if (text) {
      const chars = countChars(text);
      this.lines.push({
        text,
        chars,
        linkChars: Math.min(this.bufLink, chars),
        punct: text.match(PUNCT)?.length ?? 0,
        block: this.blockStack[this.blockStack.length - 1] ?? null,
        heading: this.headingDepth > 0,
        caption: this.captionDepth > 0,
        code: this.codeDepth > 0,
        table: this.tableStack[this.tableStack.length - 1] ?? null,
      });
    }
    this.buf = '';
    this.bufLink = 0;
  }

  open(f: Frame): void {
    if (f.block) {
      this.flush();
      f.start = this.lines.length;
      this.blockStack.push(f.el);
      this.blocks.push(f.el);
    }
    if (f.link) this.linkDepth++;
    if (f.heading) this.headingDepth++;
    if (f.caption) this.captionDepth++;
    if (f.code) this.codeDepth++;
    if (f.table) this.tableStack.push(f.el);
  }

  close(f: Frame): void {
    if (f.block) this.flush();
    if (f.link) this.linkDepth--;
    if (f.heading) this.headingDepth--;
    if (f.caption) this.captionDepth--;
    if (f.code) this.codeDepth--;
    if (f.table) this.tableStack.pop();
    if (f.block) {
      this.blockStack.pop();
      if (this.lines.length > f.start) this.ranges.set(f.el, [f.start, this.lines.length]);
    }
  }
}

export function buildLines(root: DomParent, skip: (el: DomElement) => boolean): LineMap {
  const out = new LineWriter();
  // Iterative walk: a frame is pushed on entering an element and closed when its marker pops.
  type Item = { node: DomNode | DomParent } | { close: Frame };
  const stack: Item[] = [];
  const rootChildren = 'children' in root ? root.children : [];
  for (let i = rootChildren.length - 1; i >= 0; i--) stack.push({ node: rootChildren[i]! });

  while (stack.length) {
    const item = stack.pop()!;
    if ('close' in item) {
      out.close(item.close);
      continue;
    }
    const node = item.node;
    if (node.type === 'text' && 'data' in node) {
      out.text(node.data);
      continue;
    }
    if (!isElement(node)) continue;
    if (node.name === 'br') {
      out.flush();
      continue;
    }
    if (skip(node)) continue;
    const frame = frameOf(node);
    out.open(frame);
    stack.push({ close: frame });
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]! });
  }
  out.flush();
  return { lines: out.lines, ranges: out.ranges, blocks: out.blocks };
}
