/** A byte-order mark at the start of a body; per WHATWG it overrides every declaration. */
export interface BomMatch {
  encoding: 'UTF-8' | 'UTF-16LE' | 'UTF-16BE';
  length: number;
}

export function sniffBom(bytes: Uint8Array): BomMatch | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'UTF-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'UTF-16BE', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'UTF-16LE', length: 2 };
  return null;
}
