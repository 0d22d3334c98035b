/**
 * URL canonicalisation: one spelling per page, so the same article reached through a share link, a
 * tracking link or an upper-case host is stored once. Built on WHATWG URL, which already lower-cases
 * the scheme and host, drops default ports, resolves dot segments and normalises percent-encoding.
 */

// Parameters that say how a reader arrived, never which page it is.
const TRACKING_EXACT = new Set([
  'spm',
  'spm_id_from',
  'from',
  'share_token',
  'share_source',
  'share_from',
  'share_medium',
  'sharer_shareinfo',
  'sharer_shareinfo_first',
  'fbclid',
  'gclid',
  'yclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'isappinstalled',
  'scene',
  'clicktime',
  'enterid',
  'chksm',
  'wxfrom',
  'wfr',
  'srcid',
  '_hsenc',
  '_hsmi',
  'ref_src',
  'timestamp',
  'sessionid',
]);

function decodeKey(segment: string): string {
  const raw = segment.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

function isTracking(key: string): boolean {
  const k = key.toLowerCase();
  return k.startsWith('utm_') || TRACKING_EXACT.has(k);
}

/**
 * A URL in its canonical form. Only {@link canonicalUrl} makes one, so a function that takes a
 * CanonicalUrl never canonicalises again: each URL is canonicalised once, where it enters (config,
 * a discovered link, a page's own <link rel=canonical>, a command-line argument).
 */
export type CanonicalUrl = string & { readonly __canonical: unique symbol };

/**
 * Canonical form of an absolute http(s) URL: no fragment, no tracking parameters, the remaining
 * parameters in a stable order, lower-case host, no default port. Throws on a URL that does not parse.
 */
export function canonicalUrl(url: string): CanonicalUrl {
  const u = new URL(url.trim());
  u.hash = '';
  u.username = '';
  u.password = '';
  if (u.hostname.endsWith('.')) u.hostname = u.hostname.slice(0, -1);
  // Work on the raw segments so a server's own spelling (?123, %20 vs +) survives untouched.
  const segments = u.search
    .slice(1)
    .split('&')
    .filter((seg) => seg !== '' && !isTracking(decodeKey(seg)));
  // Stable order so ?a=1&b=2 and ?b=2&a=1 are one page; sort keeps equal keys in their order.
  segments.sort((a, b) => {
    const ka = decodeKey(a);
    const kb = decodeKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  u.search = segments.length ? `?${segments.join('&')}` : '';
  return u.toString() as CanonicalUrl;
}

/** Resolves an href against a base, returning null for non-http(s) targets and garbage. */
export function resolveHttpUrl(href: string, base: string): string | null {
  const h = href.trim();
  if (!h || /^(javascript|mailto|tel|data|about|file):/i.test(h) || h.startsWith('#')) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.toString();
  } catch {
    return null;
  }
}
