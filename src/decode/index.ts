import iconv from 'iconv-lite';
import { sniffBom } from './bom.js';
import { detectCandidates, hasNonAscii } from './detect.js';
import { charsetFromContentType } from './header.js';
import { type Codec, resolveLabel } from './labels.js';
import { metaCharset } from './prescan.js';
import { scoreDecoding } from './score.js';

export type EncodingSource = 'bom' | 'header' | 'meta' | 'detected' | 'fallback';

export interface DecodedHtml {
  html: string;
  /** WHATWG name of the encoding used, except GB labels which report `gb18030` (the codec really used). */
  encoding: string;
  encodingSource: EncodingSource;
  /** The label the header or page claimed, if any (meta labels come back WHATWG-normalised). */
  declared?: string;
}

/** A declared decoding this clean is accepted without running the detector. */
const CLEAN_SCORE = 0.03;
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

interface Trial {
  codec: Codec;
  html: string;
  score: number;
}

function trial(bytes: Uint8Array, codec: Codec): Trial {
  const html = decodeWith(bytes, codec);
  return { codec, html, score: scoreDecoding(html).score };
}

/** Best of the candidates; earlier candidates win unless a later one is clearly cleaner. */
function pickBest(bytes: Uint8Array, candidates: Codec[], incumbent?: Trial): Trial | undefined {
  let best = incumbent;
  for (const codec of candidates) {
    if (best && best.codec.name === codec.name) continue;
    const t = trial(bytes, codec);
    if (!best || t.score + MARGIN < best.score) best = t;
  }
  return best;
}

function withFallbacks(candidates: Codec[]): Codec[] {
  const names = new Set(candidates.map((c) => c.name));
  return [...candidates, ...[GB, BIG5].filter((c) => !names.has(c.name))];
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
      html: decodeWith(body.subarray(bom.length), codec),
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
    const declaredTrial = trial(body, declaredCodec);
    if (declaredTrial.score <= CLEAN_SCORE) {
      return { html: declaredTrial.html, encoding: declaredCodec.name, encodingSource: source, declared };
    }
    const best = pickBest(body, withFallbacks(detectCandidates(body)), declaredTrial) ?? declaredTrial;
    const overridden = best.codec.name !== declaredCodec.name;
    return {
      html: best.html,
      encoding: best.codec.name,
      encodingSource: overridden ? 'fallback' : source,
      declared,
    };
  }

  if (!hasNonAscii(body)) {
    return { html: decodeWith(body, UTF8), encoding: UTF8.name, encodingSource: 'detected' };
  }
  const best = pickBest(body, withFallbacks(detectCandidates(body))) as Trial;
  return { html: best.html, encoding: best.codec.name, encodingSource: 'detected' };
}
