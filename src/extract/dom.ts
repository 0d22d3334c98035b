/**
 * DOM node types (taken from cheerio's own signatures, so we do not depend on domhandler directly)
 * and small helpers that read nodes without building cheerio wrappers, which is what keeps the walks cheap.
 */
import type { CheerioAPI } from 'cheerio';

export type DomDocument = ReturnType<CheerioAPI['root']>[number];
export type DomNode = DomDocument['children'][number];
export type DomElement = Extract<DomNode, { attribs: Record<string, string> }>;
export type DomParent = NonNullable<DomNode['parent']>;

export function isElement(node: DomNode | DomParent): node is DomElement {
  return 'attribs' in node && 'name' in node;
}

export function isText(node: DomNode): node is Extract<DomNode, { type: 'text' }> {
  return node.type === 'text';
}

/** Non-whitespace character count: our unit of "how much text", as Chinese has no words to count. */
export function countChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // space, tab, CR, LF, NBSP, ideographic space, zero-width chars
    if (c > 32 && c !== 160 && c !== 0x3000 && c !== 0x200b && c !== 0xfeff) n++;
  }
  return n;
}

/** Text content of a subtree, stopping once `cap` characters are collected (bounded cost). */
export function textCapped(node: DomNode | DomParent, cap: number): string {
  let out = '';
  const stack: (DomNode | DomParent)[] = [node];
  while (stack.length && out.length < cap) {
    const n = stack.pop()!;
    if ('data' in n && n.type === 'text') out += n.data;
    else if ('children' in n) {
      if (isElement(n) && (n.name === 'script' || n.name === 'style')) continue;
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out;
}

/** Collapses HTML whitespace (including full-width and NBSP) to single spaces and trims. */
export function squash(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}
