import type { Config } from '../config/schema.js';
import type { Catalogue } from '../indicators/catalogue.js';
import type { Logger } from '../log.js';
import { RedisLookup } from './redis-lookup.js';
import { Store } from './store.js';

/**
 * The store the pipeline writes to, connected, migrated and with its lookup index in Redis (built from
 * MongoDB if it is missing). The one place that picks the database: another one is a folder implementing
 * PageStore (contract.ts) and a line here. `catalogue` is the configured metric catalogue the `metrics`
 * collection mirrors.
 */
export async function openStore(config: Config, logger: Logger, catalogue: Catalogue): Promise<Store> {
  const store = await Store.connect(config, logger, {}, { lookup: RedisLookup.open(config, logger) });
  try {
    await store.migrate(catalogue);
    await store.ensureIndex();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
