/** How many decompressed bytes are read before deciding whether a body is HTML. */
export const SNIFF_BYTES = 512;

export type TypeVerdict = 'html' | 'non-html' | 'sniff';

/** Media types that say nothing about the content; the bytes decide. */
const GENERIC_TYPES = new Set([
  '',
  'application/octet-stream',
  'binary/octet-stream',
  'application/unknown',
  'unknown/unknown',
  'application/x-download',
  'application/force-download',
  'text/plain',
]);

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** First judgement from the Content-Type header alone. */
export function verdictFromContentType(contentType: string | undefined): TypeVerdict {
  const type = mediaType(contentType);
  if (HTML_TYPES.has(type)) return 'html';
  if (GENERIC_TYPES.has(type)) return 'sniff';
  return 'non-html';
}

const MAGIC: Array<{ name: string; offset?: number; bytes: number[] }> = [
  { name: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { name: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { name: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'image/bmp', bytes: [0x42, 0x4d] },
  { name: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'image/x-icon', bytes: [0x00, 0x00, 0x01, 0x00] },
  { name: 'application/zip', bytes: [0x50, 0x4b, 0x03, 0x04] }, // also docx/xlsx/ofd
  { name: 'application/x-ole-storage', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] }, // doc/xls/wps
  { name: 'application/x-rar-compressed', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'application/x-7z-compressed', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'application/gzip', bytes: [0x1f, 0x8b] },
  { name: 'application/x-bzip2', bytes: [0x42, 0x5a, 0x68] },
  { name: 'video/mp4', offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] }, // ....ftyp
  { name: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] }, // ID3
  { name: 'application/ogg', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { name: 'application/x-riff', bytes: [0x52, 0x49, 0x46, 0x46] }, // webp, wav, avi
  { name: 'video/x-flv', bytes: [0x46, 0x4c, 0x56, 0x01] },
  { name: 'application/x-shockwave-flash', bytes: [0x43, 0x57, 0x53] },
  { name: 'application/x-msdownload', bytes: [0x4d, 0x5a] }, // MZ
  { name: 'application/x-elf', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'application/wasm', bytes: [0x00, 0x61, 0x73, 0x6d] },
  { name: 'font/woff', bytes: [0x77, 0x4f, 0x46, 0x46] },
  { name: 'font/woff2', bytes: [0x77, 0x4f, 0x46, 0x32] },
];

/**
 * A binary format recognised by its leading bytes, or null. `strongOnly` ignores signatures shorter than four
 * bytes (BM, MZ, ID3 ...), which ordinary text can start with by chance.
 */
export function sniffBinaryType(prefix: Uint8Array, strongOnly = false): string | null {
  for (const m of MAGIC) {
    if (strongOnly && m.bytes.length < 4) continue;
    const at = m.offset ?? 0;
    if (prefix.length < at + m.bytes.length) continue;
    if (m.bytes.every((b, i) => prefix[at + i] === b)) return m.name;
  }
  return null;
}

/**
 * Whether the first bytes of a body look like markup rather than binary. Binary magic loses; NUL bytes
 * (outside UTF-16, which HTML on the wire essentially never is) mean binary; otherwise text is given the
 * benefit of the doubt, since decode/extract deal with odd HTML better than a skip would.
 */
export function looksLikeHtml(prefix: Uint8Array, declaredHtml = false): boolean {
  if (sniffBinaryType(prefix, declaredHtml) !== null) return false;
  let start = 0;
  if (prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) start = 3;
  const isUtf16Bom = (prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff);
  if (isUtf16Bom) return true;
  for (let i = start; i < prefix.length; i++) if (prefix[i] === 0) return false;
  return true;
}

/** Markers that make an explicit text/plain body count as HTML (misconfigured servers). */
export function hasHtmlMarkers(prefix: Uint8Array): boolean {
  const head = Buffer.from(prefix).toString('latin1').toLowerCase();
  return /<(!doctype\s+html|html|head|body|meta|title|div|p)[\s>/]/.test(head);
}

/** Final verdict once the prefix is known. */
export function classifyBody(contentType: string | undefined, prefix: Uint8Array): 'html' | 'non-html' {
  const first = verdictFromContentType(contentType);
  if (first === 'non-html') return 'non-html';
  // Even a declared text/html that starts with %PDF- is a PDF (mislabelled downloads are common).
  if (!looksLikeHtml(prefix, first === 'html')) return 'non-html';
  if (mediaType(contentType) === 'text/plain') return hasHtmlMarkers(prefix) ? 'html' : 'non-html';
  return 'html';
}
