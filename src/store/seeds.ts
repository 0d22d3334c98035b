import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash } from '../dedupe/index.js';
import { versionIdOf } from './ids.js';
import type { Store } from './store.js';

/** Seed files are `NNN_<hash16>.txt`: a rank in first-seen order and the content hash. */
export const SEED_FILE = /^(\d{3,})_([0-9a-f]{16})\.txt$/;

/**
 * Writes one `NNN_<hash16>.txt` per distinct content, in first-seen order, with the text exactly as
 * stored in the version that first carried it. Refuses to write a file whose name would lie.
 */
export async function exportContents(store: Store, dir = 'seeds'): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const contents = await store.cols.contents.find({}).sort({ firstSeen: 1, firstUrl: 1 }).toArray();
  const width = Math.max(3, String(contents.length - 1).length);
  const files: string[] = [];
  for (const [i, c] of contents.entries()) {
    const v = await store.cols.versions.findOne({ _id: versionIdOf(c.firstDocumentId, c.firstVersion) });
    if (!v) throw new Error(`content ${c._id}: version ${c.firstVersion} of ${c.firstDocumentId} is missing`);
    if (contentHash(v.text) !== c._id)
      throw new Error(`content ${c._id}: stored text hashes to ${contentHash(v.text)}`);
    const file = `${String(i).padStart(width, '0')}_${c._id}.txt`;
    await writeFile(path.join(dir, file), v.text, 'utf8');
    files.push(file);
  }
  return files;
}
