import type { Config } from '../config/schema.js';
import type { Catalogue } from '../indicators/catalogue.js';
import type { Logger } from '../log.js';
import type { PageStore } from './contract.js';
import { Store } from './store.js';

/**
 * The store the pipeline writes to, connected and migrated. The one place that picks the database: another
 * one is a folder implementing PageStore (contract.ts) and a line here. `catalogue` is the configured metric
 * catalogue the `metrics` collection mirrors.
 */
export async function openStore(config: Config, logger: Logger, catalogue: Catalogue): Promise<PageStore> {
  const store = await Store.connect(config, logger);
  try {
    await store.migrate(catalogue);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
