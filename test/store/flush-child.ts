/**
 * A store process for crash-flush.int.test.ts. argv[2] is JSON { mongoUrl, db, step, pages, lookupPrefix }. Saves the pages
 * (all at once, so they share a batch) through a Store whose flush, right after write step `step`, prints
 * `mid-flush` and waits: the test SIGKILLs it there. Prints `done` if the flush never reached that step.
 */
import { MongoClient } from 'mongodb';
import { silentLogger } from '../../src/log.js';
import { type FlushStep, type PageInput, RedisLookup, Store } from '../../src/store/index.js';
import { lookupConfig } from './helpers.js';

const args = JSON.parse(process.argv[2] ?? '{}') as {
  mongoUrl: string;
  db: string;
  step: FlushStep;
  pages: PageInput[];
  /** The parent's lookup index prefix, or null for a store without one. */
  lookupPrefix: string | null;
};
const client = await MongoClient.connect(args.mongoUrl);
const store = Store.fromDb(client.db(args.db), silentLogger, {
  batch: { maxItems: 1000, windowMs: 50 },
  ...(args.lookupPrefix ? { lookup: RedisLookup.open(lookupConfig(args.lookupPrefix, args.db)) } : {}),
  hooks: {
    async after(step) {
      if (step !== args.step) return;
      process.stdout.write('mid-flush\n');
      await new Promise(() => {}); // held here until the SIGKILL
    },
  },
});
// Dates arrive as ISO strings; the page schema coerces them.
await store.savePages(args.pages);
process.stdout.write('done\n');
await client.close();
