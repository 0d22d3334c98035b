/**
 * Growth: what a page costs the store, and the crawl's pages/s, as the corpus grows. For each size a fresh
 * database is bulk-loaded with that many documents (the store's own rows, inserts only); then a window of new,
 * changed and unchanged pages goes through the store the way page jobs use it (validators read, then save,
 * all at once as concurrent jobs would), and the production workers crawl one fresh host into it.
 */
import { randomBytes } from 'node:crypto';
import type { Source } from '../src/config/schema.js';
import type { Logger } from '../src/log.js';
import { mongoClient, type PageInput, RedisLookup, Store } from '../src/store/index.js';
import { corpusPage } from './corpus.js';
import { type CrawlResult, openSession } from './e2e.js';
import { benchConfig, benchConfigInput, cleanUp, type Urls } from './services.js';
import type { BenchSite } from './site.js';
import type { BenchSizes } from './sizes.js';
import type { WriteCounts } from './worker.js';

export interface StoreWindow {
  pages: number;
  /** Wall time of the window ÷ pages: the store's cost per page with `pages` saves in flight at once. */
  msPerPage: number;
  writeCommandsPerPage: number;
  /** Set when the window's saves failed (on FerretDB at 50,000 a changed page's update can outlast the
   * driver's socket timeout): the error, and no figures. */
  failed?: string;
}

export interface GrowthRow {
  size: number;
  loadSeconds: number;
  /** Null when the growth part's time budget was spent before this window (printed as "over budget"). */
  new: StoreWindow | null;
  changed: StoreWindow | null;
  unchanged: StoreWindow | null;
  crawl?: CrawlResult;
}

const WRITES = new Set(['insert', 'update', 'delete', 'findAndModify']);
const NEW_ROUNDS = 3;

/** Runs `pages` through validatorsFor + savePage concurrently, as that many page jobs would. */
async function window(store: Store, writes: WriteCounts, pages: PageInput[]): Promise<StoreWindow> {
  const before = writes.commands;
  const t0 = performance.now();
  await Promise.all(
    pages.map(async (p) => {
      await store.validatorsFor(p.url);
      await store.savePage({ ...p, fetch: { ...p.fetch, fetchedAt: new Date() } });
    }),
  );
  const ms = performance.now() - t0;
  return {
    pages: pages.length,
    msPerPage: ms / pages.length,
    writeCommandsPerPage: (writes.commands - before) / pages.length,
  };
}

export async function growthBench(
  urls: Urls,
  sizes: BenchSizes,
  bench: BenchSite,
  crawlSources: Source[][],
  logger: Logger,
  say: (s: string) => void,
): Promise<GrowthRow[]> {
  const rows: GrowthRow[] = [];
  const deadline = Date.now() + sizes.growth.budgetMs;
  for (const [i, size] of sizes.growth.sizes.entries()) {
    rows.push(await growthAt(urls, sizes, bench, size, crawlSources[i] ?? [], logger, say, deadline));
  }
  return rows;
}

async function growthAt(
  urls: Urls,
  sizes: BenchSizes,
  bench: BenchSite,
  size: number,
  crawlSources: Source[],
  logger: Logger,
  say: (s: string) => void,
  deadline: number,
): Promise<GrowthRow> {
  const dbName = `qcity_bench_growth_${size}_${randomBytes(3).toString('hex')}`;
  const config = benchConfig(benchConfigInput(urls, `qcity-bench-${dbName}`, dbName, []));
  const writes: WriteCounts = { commands: 0, ops: 0, byCommand: {}, serverMs: {} };
  const client = mongoClient(config.mongo, { appName: 'qcity-bench-growth', monitorCommands: true });
  client.on('commandStarted', (e) => {
    if (WRITES.has(e.commandName)) writes.commands++;
  });
  await client.connect();
  // As page jobs have it: with the lookup index in Redis (built by the load as a flush would).
  const store = Store.fromDb(client.db(dbName), logger, {
    batch: { maxItems: config.mongo.batch.maxPages, windowMs: config.mongo.batch.windowMs },
    lookup: RedisLookup.open(config, logger),
  });
  const w = sizes.growth.window;
  try {
    await store.migrate();
    await store.ensureIndex();
    const t0 = performance.now();
    const base = Date.now() - 86_400_000;
    await store.bulkLoad(Array.from({ length: size }, (_, k) => corpusPage(k, 0, new Date(base + k))));
    const loadSeconds = (performance.now() - t0) / 1000;
    say(
      `   ${size} documents loaded in ${loadSeconds.toFixed(0)} s; a window of ${w} new, changed, unchanged …`,
    );
    const pick = Array.from({ length: w }, (_, k) => Math.floor(((k + 0.5) * size) / w));
    // On a server that scans for every update (FerretDB 1.24) changed and unchanged pages at the big sizes
    // can take many minutes: past the growth part's budget those windows are left out rather than blowing
    // the bench's time.
    const within = async (pages: PageInput[]): Promise<StoreWindow | null> => {
      if (Date.now() >= deadline) return null;
      try {
        return await window(store, writes, pages);
      } catch (err) {
        return {
          pages: pages.length,
          msPerPage: Number.NaN,
          writeCommandsPerPage: Number.NaN,
          failed: String((err as Error).message),
        };
      }
    };
    const fresh = (round: number) =>
      Array.from({ length: w }, (_, k) => corpusPage(10_000_000 + round * w + k));
    const edited = () => pick.map((n) => corpusPage(n, 1));
    const row: GrowthRow = { size, loadSeconds, new: null, changed: null, unchanged: null };
    // The new-page window is what the growth target is about, and cheap: it always runs, three times with
    // other new pages each, and the median round counts (one window is a few tens of milliseconds).
    const rounds = [];
    for (let r = 0; r < NEW_ROUNDS; r++) rounds.push(await window(store, writes, fresh(r)));
    row.new = rounds.sort((a, b) => a.msPerPage - b.msPerPage)[Math.floor(NEW_ROUNDS / 2)]!;
    say(
      `   ${size}: new ${row.new.msPerPage.toFixed(1)} ms/page (rounds ${rounds.map((r) => r.msPerPage.toFixed(1)).join(', ')})`,
    );
    row.changed = await within(edited());
    if (row.changed && !row.changed.failed) row.unchanged = await within(edited());
    if (crawlSources.length && Date.now() < deadline) {
      const { processes, concurrency } = sizes.reference;
      const session = await openSession(urls, bench, processes, concurrency, logger, crawlSources, dbName);
      try {
        row.crawl = await session.crawl(`growth-${size}`, {
          titles: false,
          timeBoxMs: sizes.growth.crawlCapMs,
        });
      } finally {
        await cleanUp(session.config, { keepDatabase: true });
      }
    }
    const ms = (x: StoreWindow | null) =>
      !x ? 'over budget' : x.failed ? `failed (${x.failed.slice(0, 60)})` : x.msPerPage.toFixed(1);
    say(
      `   ${size}: new ${ms(row.new)} ms/page, changed ${ms(row.changed)}, unchanged ${ms(row.unchanged)}${row.crawl ? `; crawl ${row.crawl.pagesPerSec.toFixed(1)} pages/s` : ''}`,
    );
    return row;
  } finally {
    await store.close();
    await client.close();
    await cleanUp(config);
  }
}
