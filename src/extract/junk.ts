/**
 * Which subtrees never hold article text: non-content tags, widgets named for what they are
 * (share, comment, breadcrumb, 相关新闻 …), and hidden or small forms. Decided per element while walking,
 * so no separate removal pass is needed.
 */
import { countChars, type DomElement, type DomNode, isElement, textCapped } from './dom.js';

const JUNK_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'canvas',
  'video',
  'audio',
  'template',
  'select',
  'option',
  'button',
  'input',
  'textarea',
  'label',
  'map',
  'link',
  'meta',
  'title',
  'nav',
  'menu',
  'dialog',
]);

// Class/id tokens that name page furniture. Matched as whole tokens or token prefixes (see below),
// never as substrings, so "photo" is not "hot" and "shadow" is not "ad".
const NEGATIVE_PREFIXES = [
  'comment',
  'pinglun',
  'reply',
  'share',
  'fenxiang',
  'bdshare',
  'jiathis',
  'social',
  'breadcrumb',
  'crumb',
  'bread',
  'weizhi',
  'navbar',
  'navi',
  'nav',
  'menu',
  'footer',
  'foot',
  'copyright',
  'banquan',
  'sidebar',
  'aside',
  'related',
  'relate',
  'xgxw',
  'xgwz',
  'xgyd',
  'recommend',
  'tuijian',
  'hotnews',
  'hotlist',
  'paihang',
  'ranking',
  'advert',
  'guanggao',
  'qrcode',
  'erweima',
  'pagination',
  'pager',
  'toolbar',
  'login',
  'popup',
  'topbar',
  'sitemap',
];
const NEGATIVE_EXACT = new Set([
  'ad',
  'ads',
  'hot',
  'rank',
  'print',
  'dayin',
  'search',
  'sousuo',
  'head',
  'banner',
  'tags',
  'tag',
  'keywords',
  'more',
  'pages',
  'next',
  'prev',
  'fixed',
  'modal',
  'mask',
  'gotop',
  'backtop',
]);
// Tokens that mark the article itself; they override a negative token in the same class list
// ("article-share" is not removed wholesale; its share buttons fall to their own class).
const POSITIVE_PREFIXES = [
  'article',
  'artical',
  'wenzhang',
  'content',
  'main',
  'text',
  'detail',
  'zhengwen',
  'trs',
  'post',
  'entry',
  'body',
];

function tokens(el: DomElement): string[] {
  const raw = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
  if (raw.length < 2) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_\-:.]+/)
    .filter(Boolean);
}

// Comment threads are prose too, often more of it than a short article, so their names are final.
const COMMENT_PREFIXES = ['comment', 'pinglun', 'cmt', 'reply', 'replies', 'discuss', 'gentie'];

export function hasCommentName(el: DomElement): boolean {
  const toks = tokens(el);
  if (toks.some((t) => POSITIVE_PREFIXES.some((p) => t.startsWith(p)))) return false;
  return toks.some((t) => COMMENT_PREFIXES.some((p) => t.startsWith(p)));
}

export function hasNegativeName(el: DomElement): boolean {
  const toks = tokens(el);
  if (toks.length === 0) return false;
  let negative = false;
  for (const t of toks) {
    if (POSITIVE_PREFIXES.some((p) => t.startsWith(p))) return false;
    if (!negative && (NEGATIVE_EXACT.has(t) || NEGATIVE_PREFIXES.some((p) => t.startsWith(p))))
      negative = true;
  }
  return negative;
}

function isHidden(el: DomElement): boolean {
  if ('hidden' in el.attribs) return true;
  const style = el.attribs.style;
  return style !== undefined && /display\s*:\s*none/i.test(style);
}

/**
 * True when the walk should not descend into `el`. Widgets that are big enough to be the page itself
 * (an ASP.NET <form> around everything, a hidden-until-loaded article) are kept: the scorer judges them.
 */
export function isJunk(el: DomElement): boolean {
  const name = el.name;
  if (name === 'body' || name === 'html') return false;
  if (JUNK_TAGS.has(name)) return true;
  if (name === 'form') return countChars(textCapped(el, 1200)) < 400;
  // Mobile and WordPress templates put the headline and its date line in <header> or <aside>.
  if (name === 'header' || name === 'aside')
    return !hasHeadline(el) && countChars(textCapped(el, 1500)) < 600;
  if (name === 'footer') return countChars(textCapped(el, 1500)) < 600;
  if (isHidden(el)) return !holdsProse(el);
  if (name === 'a' || name === 'p' || name === 'span' || name === 'font' || name === 'strong' || name === 'b')
    return false;
  if (hasCommentName(el)) return true;
  if (hasNegativeName(el)) return !holdsProse(el);
  return false;
}

function hasHeadline(el: DomElement): boolean {
  const stack: DomNode[] = [...el.children];
  for (let seen = 0; stack.length && seen < 400; seen++) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (n.name === 'h1') return true;
    for (const c of n.children) stack.push(c);
  }
  return false;
}

// A furniture-named box that still holds several full sentences of plain (non-link) text is more
// likely a mislabelled article wrapper ("js_img_share_area") than a widget; let the scorer judge it.
function holdsProse(el: DomElement): boolean {
  let stops = 0;
  let seen = 0;
  const stack: DomNode[] = [...el.children].reverse();
  while (stack.length && seen < 6000) {
    const n = stack.pop()!;
    if (n.type === 'text' && 'data' in n) {
      seen += n.data.length;
      for (const ch of n.data) if (ch === '。' || ch === '！' || ch === '？') stops++;
      if (stops >= 5) return true;
    } else if (isElement(n) && n.name !== 'a' && n.name !== 'script' && n.name !== 'style') {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return false;
}
