import iconv from 'iconv-lite';
import { sniffBom } from './bom.js';
import { decodeUtf8Lossy, detectCandidates, hasNonAscii, isValidUtf8, type LossyUtf8 } from './detect.js';
import { charsetFromContentType } from './header.js';
import { type Codec, resolveLabel } from './labels.js';
import { metaCharset } from './prescan.js';
import { textSample } from './sample.js';
import { scoreDecoding } from './score.js';

export type EncodingSource = 'bom' | 'header' | 'meta' | 'detected' | 'fallback';

export interface DecodedHtml {
  html: string;
  /** WHATWG name of the encoding used, except GB labels which report `gb18030` (the codec really used). */
  encoding: string;
  encodingSource: EncodingSource;
  /** The label the header or page claimed, if any (meta labels come back WHATWG-normalised). */
  declared?: string;
  /** Invalid byte sequences replaced by U+FFFD (0 for a clean decoding); stored on the page's `pages` row. */
  invalidSequences: number;
}

/**
 * A decoding this clean (mean cost per non-ASCII character) is accepted without further trials. Right
 * decodings of the seeds score ≤ 0.001 and real UTF-8 pages with emoji ≤ 0.04; the mildest mojibake
 * (Simplified GBK read as Big5) scores ≥ 0.2.
 */
const CLEAN_SCORE = 0.08;
/** An alternative must beat the incumbent by this much mean cost per character to replace it. */
const MARGIN = 0.05;

const UTF8 = resolveLabel('utf-8') as Codec;
const GB = resolveLabel('gb18030') as Codec;
const BIG5 = resolveLabel('big5') as Codec;

function decodeWith(bytes: Uint8Array, codec: Codec): string {
  // Whole buffer, never a stream: iconv-lite's multi-byte decoders are exact on complete input.
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), codec.codec, {
    stripBOM: false,
  });
}

/**
 * A page declared UTF-8 stays UTF-8 despite a few invalid sequences (a truncated upload, one pasted legacy
 * string): there must be at least DAMAGE_RATIO valid non-ASCII characters per damaged spot, and the text
 * around the damage must be clean. Legacy CJK bytes read as UTF-8 fail both: most of their characters are
 * invalid, and the few that happen to be valid are scattered rare letters.
 */
const DAMAGE_RATIO = 8;

function mostlyUtf8(lossy: LossyUtf8): boolean {
  return (
    lossy.valid >= lossy.runs * DAMAGE_RATIO &&
    scoreDecoding(lossy.text).scoreIgnoringReplacement <= CLEAN_SCORE
  );
}

/** A decoding and its count of invalid sequences (for legacy codecs every U+FFFD is one it could not map). */
function decodeCounted(bytes: Uint8Array, codec: Codec): { html: string; invalidSequences: number } {
  if (codec.name === UTF8.name) {
    const lossy = decodeUtf8Lossy(bytes);
    return { html: lossy.text, invalidSequences: lossy.invalid };
  }
  const html = decodeWith(bytes, codec);
  let invalidSequences = 0;
  for (let i = html.indexOf('\ufffd'); i !== -1; i = html.indexOf('\ufffd', i + 1)) invalidSequences++;
  return { html, invalidSequences };
}

const scoreOn = (sample: Uint8Array, codec: Codec) => scoreDecoding(decodeWith(sample, codec)).score;

/**
 * The cleanest codec for a text sample. Valid UTF-8 is tried first and taken when clean (it is almost never
 * valid by accident); otherwise chardet's candidates, then GB18030 and Big5, are scored and an earlier
 * candidate (or the incumbent) only loses to a clearly cleaner one.
 */
function chooseCodec(
  body: Uint8Array,
  sample: Uint8Array,
  incumbent?: { codec: Codec; score: number },
): Codec {
  const tried = new Set<string>();
  let best = incumbent;
  const consider = (codec: Codec) => {
    if (tried.has(codec.name)) return;
    tried.add(codec.name);
    if (best?.codec.name === codec.name) return;
    const score = scoreOn(sample, codec);
    if (!best || score + MARGIN < best.score) best = { codec, score };
  };
  if (isValidUtf8(body)) {
    consider(UTF8);
    if (best?.codec === UTF8 && best.score <= CLEAN_SCORE) return UTF8;
  }
  for (const c of [...detectCandidates(sample), GB, BIG5]) consider(c);
  return best?.codec ?? UTF8;
}

/**
 * Bytes → HTML string in WHATWG order: BOM, HTTP charset, `<meta>` prescan, then statistical detection.
 * Declarations are distrusted when they decode into mojibake: detection runs and the cleaner decoding wins
 * (`fallback`).
 */
export function decodeHtml(body: Uint8Array, contentType?: string): DecodedHtml {
  const bom = sniffBom(body);
  if (bom) {
    const codec = resolveLabel(bom.encoding) as Codec;
    return {
      ...decodeCounted(body.subarray(bom.length), codec),
      encoding: codec.name,
      encodingSource: 'bom',
    };
  }

  const headerLabel = charsetFromContentType(contentType);
  const headerCodec = resolveLabel(headerLabel);
  const metaLabel = headerCodec ? undefined : metaCharset(body);
  const metaCodec = resolveLabel(metaLabel);
  const declaredCodec = headerCodec ?? metaCodec;
  const declared = headerCodec ? headerLabel : metaCodec ? metaLabel : undefined;

  if (declaredCodec) {
    const source: EncodingSource = headerCodec ? 'header' : 'meta';
    const asDeclared = { encoding: declaredCodec.name, encodingSource: source, declared };
    if (declaredCodec.name === UTF8.name) {
      const lossy = decodeUtf8Lossy(body);
      if (lossy.invalid === 0 || mostlyUtf8(lossy))
        return { html: lossy.text, invalidSequences: lossy.invalid, ...asDeclared };
    }
    const decoded = decodeCounted(body, declaredCodec);
    if (scoreDecoding(decoded.html).score <= CLEAN_SCORE) return { ...decoded, ...asDeclared };
    const sample = textSample(body);
    const codec = chooseCodec(body, sample, { codec: declaredCodec, score: scoreOn(sample, declaredCodec) });
    if (codec.name === declaredCodec.name) return { ...decoded, ...asDeclared };
    return { ...decodeCounted(body, codec), encoding: codec.name, encodingSource: 'fallback', declared };
  }

  const codec = hasNonAscii(body) ? chooseCodec(body, textSample(body)) : UTF8;
  return { ...decodeCounted(body, codec), encoding: codec.name, encodingSource: 'detected' };
}
