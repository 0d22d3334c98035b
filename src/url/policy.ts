/**
 * The allowed-host policy: which URLs a source may fetch. One rule for config validation, the first
 * request, every redirect hop and every discovered link.
 */

/** Why a URL is refused; the fetch layer raises these as FetchError codes of the same name. */
export type UrlRefusal = 'HOST_NOT_ALLOWED' | 'UNSUPPORTED_PROTOCOL' | 'INVALID_URL';

/** The part of a source the policy reads. */
export interface HostPolicy {
  allowedHosts: readonly string[];
}

export type UrlCheck = { allowed: true; url: URL } | { allowed: false; code: UrlRefusal; reason: string };

/** Lower-cased host as config writes it: `name` or `name:port` (default ports dropped by URL already). */
export function hostKey(url: URL): string {
  return url.host.toLowerCase();
}

/**
 * Whether `url` may be fetched for `source`: http(s) only, and its host (with port) or plain hostname is in
 * source.allowedHosts. Used for the first request, every redirect hop, and links discovery finds.
 */
export function checkUrlAllowed(url: string | URL, source: HostPolicy): UrlCheck {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return { allowed: false, code: 'INVALID_URL', reason: `not a valid absolute URL: ${String(url)}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      allowed: false,
      code: 'UNSUPPORTED_PROTOCOL',
      reason: `protocol ${parsed.protocol} is not http or https`,
    };
  }
  const host = hostKey(parsed);
  const hostname = parsed.hostname.toLowerCase();
  const allowed = source.allowedHosts.some((h) => {
    const entry = h.toLowerCase();
    return entry === host || entry === hostname;
  });
  if (!allowed) {
    return {
      allowed: false,
      code: 'HOST_NOT_ALLOWED',
      reason: `host ${host} is not in the source's allowedHosts`,
    };
  }
  return { allowed: true, url: parsed };
}
