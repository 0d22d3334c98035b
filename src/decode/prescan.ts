import { ResultType, Sniffer } from 'encoding-sniffer/sniffer';

/** WHATWG "prescan a byte stream to determine its encoding" looks at this many bytes. */
export const PRESCAN_BYTES = 1024;

/**
 * The charset a `<meta charset>` or `<meta http-equiv="Content-Type">` declares in the first 1024 bytes.
 * encoding-sniffer implements the spec's prescan, so `<script charset>`, comments and attributes of other
 * tags are ignored exactly as browsers ignore them.
 */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const sniffer = new Sniffer({ maxBytes: PRESCAN_BYTES });
  sniffer.write(bytes.subarray(0, PRESCAN_BYTES));
  return sniffer.resultType === ResultType.META_TAG ? sniffer.encoding : undefined;
}
