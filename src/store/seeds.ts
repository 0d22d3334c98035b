import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { contentHash, simhash } from '../dedupe/index.js';
import { articleCity } from '../indicators/city.js';
import { extractIndicators } from '../indicators/index.js';
import { type NormalisedText, normaliseText } from '../normalise/index.js';
import type { PageInput } from './schema.js';
import type { Store } from './store.js';
import type { SaveResult } from './versioning.js';
import { versionIdOf } from './versioning.js';

/** Seed files are `NNN_<hash16>.txt`: a rank in first-seen order and the content hash. */
export const SEED_FILE = /^(\d{3,})_([0-9a-f]{16})\.txt$/;

export type Normaliser = (raw: string) => NormalisedText;

/**
 * A minimal normaliser (trim lines, collapse blanks, paragraphs as "\n\n"; idempotent) for callers
 * that want seeds without script conversion. The default is the pipeline's `normaliseText`, so seed
 * hashes equal the hashes of the same text crawled from a page.
 */
export function basicNormalise(raw: string): NormalisedText {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[\s\u3000]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n\n');
  return { text, simplified: text, script: 'unknown' };
}

export interface SeedImportOptions {
  normalise?: Normaliser;
  sourceId?: string;
  /** First-seen time of the first file; later files get +1 ms each so export order equals file order. */
  at?: Date;
}

/** Imports every `NNN_<hash16>.txt` in `dir` (name order) as a document with url `seed:<file>`. */
export async function importSeeds(
  store: Store,
  dir = 'seeds',
  opts: SeedImportOptions = {},
): Promise<{ file: string; result: SaveResult }[]> {
  const normalise = opts.normalise ?? normaliseText;
  const base = (opts.at ?? new Date()).getTime();
  const files = (await readdir(dir)).filter((f) => SEED_FILE.test(f)).sort();
  const out: { file: string; result: SaveResult }[] = [];
  for (const [i, file] of files.entries()) {
    const raw = await readFile(path.join(dir, file), 'utf8');
    const n = normalise(raw);
    const title = (n.text.split('\n').find((l) => l.trim()) ?? file).trim();
    // Seeds are articles too: analysts get their city and indicator rows like crawled pages'.
    const indicators = extractIndicators({
      text: n.text,
      simplified: n.simplified,
      title,
      publishedAt: null,
      source: null,
    });
    const city = articleCity({ title, source: null, body: n.simplified });
    const input: PageInput = {
      url: `seed:${file}`,
      sourceId: opts.sourceId ?? 'seed',
      host: 'seed',
      fetch: {
        status: 200,
        encoding: 'utf-8',
        encodingSource: 'seed',
        fetchedAt: new Date(base + i),
        finalUrl: `seed:${file}`,
        bytes: Buffer.byteLength(raw, 'utf8'),
      },
      article: {
        title,
        publishedAt: null,
        source: null,
        author: null,
        editor: null,
        rawText: raw,
        text: n.text,
        textSimplified: n.simplified,
        script: n.script,
      },
      city,
      contentHash: contentHash(n.text),
      simhash: simhash(n.simplified),
      indicators,
      seedFile: file,
    };
    out.push({ file, result: await store.savePage(input) });
  }
  return out;
}

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
