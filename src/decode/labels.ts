import { labelToName } from '@exodus/bytes/encoding.js';
import iconv from 'iconv-lite';

/** A resolved encoding: the WHATWG name we report and the iconv-lite codec that decodes it. */
export interface Codec {
  name: string;
  codec: string;
}

/**
 * Browsers decode every GB label (gb2312, gbk, x-gbk, gb_2312-80 ...) as GB18030's superset and Big5 as
 * Big5-HKSCS. iconv-lite's own `gb2312`/`gbk` codecs garble 4-byte GB18030 sequences, so we always pick the
 * superset codec.
 */
const CODEC_FOR_NAME: Record<string, string> = {
  GBK: 'gb18030',
  gb18030: 'gb18030',
  Big5: 'big5hkscs',
  'UTF-8': 'utf8',
  'UTF-16LE': 'utf16le',
  'UTF-16BE': 'utf16be',
  // x-user-defined only matters for binary hacks; windows-1252 keeps ASCII intact.
  'x-user-defined': 'windows-1252',
};

/** Reported names are WHATWG names, except GB labels which we really decode as gb18030. */
const REPORTED_NAME: Record<string, string> = { GBK: 'gb18030' };

/** Maps a charset label (as a header, meta tag or detector spells it) to a codec, or null when unknown. */
export function resolveLabel(label: string | undefined | null): Codec | null {
  if (!label) return null;
  const name = labelToName(label.trim());
  // "replacement" is WHATWG's name for labels that must never be decoded (iso-2022-kr ...).
  if (!name || name === 'replacement') return null;
  const codec = CODEC_FOR_NAME[name] ?? name.toLowerCase();
  if (!iconv.encodingExists(codec)) return null;
  return { name: REPORTED_NAME[name] ?? name, codec };
}
