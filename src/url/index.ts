/** URL identity: the one canonical spelling of a page and the allowed-host policy; see docs/architecture.md. */
export { type CanonicalUrl, canonicalUrl, resolveHttpUrl } from './canonical.js';
export { checkUrlAllowed, type HostPolicy, hostKey, type UrlCheck, type UrlRefusal } from './policy.js';
