import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';

/** A seed file read and decoded, or the reason it is not one. */
export type SeedText =
  | { ok: true; text: string; encoding: string; bytes: number }
  | { ok: false; reason: string };

const refuse = (reason: string): SeedText => ({ ok: false, reason });

function kindOf(st: Awaited<ReturnType<typeof lstat>>): string {
  if (st.isSymbolicLink()) return 'a symbolic link (not followed)';
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * The bytes of a regular file of at most `maxBytes`: a symbolic link, a directory, a pipe or a device is
 * refused by what it is, a larger file by its size before any of it is read, and the file is opened without
 * following a link (O_NOFOLLOW) and checked to be the one looked at, so swapping it in between changes nothing.
 */
async function readCapped(file: string, maxBytes: number): Promise<Buffer | string> {
  const seen = await lstat(file);
  if (!seen.isFile()) return kindOf(seen);
  if (seen.size === 0) return 'empty';
  if (seen.size > maxBytes) return `${seen.size} bytes, over seed.maxFileBytes (${maxBytes})`;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ELOOP'
      ? 'a symbolic link (not followed)'
      : `unreadable (${code ?? (err as Error).message})`;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile() || st.ino !== seen.ino || st.dev !== seen.dev) return 'replaced while being read';
    // One byte more than allowed tells a file that grew past the cap.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got === buf.length) break;
    }
    if (got > maxBytes) return `over seed.maxFileBytes (${maxBytes}) after it grew`;
    if (got === 0) return 'empty';
    return buf.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/** A text declares its encoding with a byte-order mark; without one it must be UTF-8. */
const BOMS: Array<{ bom: number[]; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }> = [
  { bom: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bom: [0xff, 0xfe], encoding: 'utf-16le' },
  { bom: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Control characters a text never holds (tab, line feed, form feed and carriage return are text). */
function controlCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) n++;
  }
  return n;
}

/**
 * Bytes → text: UTF-8, or the UTF-16 a byte-order mark declares; refused when the bytes are not valid in
 * that encoding, or when they decode to control characters (a binary file that happens to be valid UTF-8).
 */
export function decodeSeedText(bytes: Uint8Array): SeedText {
  const declared = BOMS.find(({ bom }) => bom.every((b, i) => bytes[i] === b));
  const encoding = declared?.encoding ?? 'utf-8';
  let text: string;
  try {
    // fatal: an invalid sequence is an error, not a U+FFFD; the BOM itself is dropped.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return refuse(
      declared ? `not valid ${encoding} text although its byte-order mark says so` : 'not UTF-8 text',
    );
  }
  const controls = controlCharacters(text);
  if (controls > 0) return refuse(`binary: ${controls} control character${controls > 1 ? 's' : ''}`);
  return { ok: true, text, encoding, bytes: bytes.length };
}

/** One seed file, checked: a regular, non-empty text file within the cap, in UTF-8 or a declared encoding. */
export async function readSeedFile(file: string, maxBytes: number): Promise<SeedText> {
  let read: Buffer | string;
  try {
    read = await readCapped(file, maxBytes);
  } catch (err) {
    read = `unreadable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`;
  }
  return typeof read === 'string' ? refuse(read) : decodeSeedText(read);
}
