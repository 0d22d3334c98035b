import { createHash } from 'node:crypto';

/**
 * The one content hash used everywhere (file names, `contents._id`, `documents.contentHash`):
 * the first 8 bytes of SHA-256 over the UTF-8 of the normalised body text, as 16 lower-case hex digits.
 * A standard hash rather than a home-made one, so anyone can recompute it (`sha256sum | cut -c1-16`).
 */
export function contentHash(normalisedText: string): string {
  return createHash('sha256').update(normalisedText, 'utf8').digest('hex').slice(0, 16);
}
