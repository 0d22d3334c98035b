import type { Db, MongoServerError } from 'mongodb';
import type { Catalogue } from '../indicators/catalogue.js';
import type { Logger } from '../log.js';
import { COLLECTIONS } from './collections.js';
import { indexes } from './indexes.js';
import { catalogueMetrics, syncMetrics } from './metrics.js';
import { validators } from './validators.js';

export interface MigrateResult {
  /** False on servers without `$jsonSchema` support (FerretDB 1.24). */
  validators: boolean;
  indexes: number;
  /** Entries of the metric catalogue now in the `metrics` collection. */
  metrics: number;
}

function isNotImplemented(err: unknown): boolean {
  const e = err as MongoServerError;
  return e?.code === 238 || e?.codeName === 'NotImplemented' || /not implemented/i.test(String(e?.message));
}

const NAMESPACE_EXISTS = 48;

/**
 * Creates collections, validators and indexes; safe to run on every start and from `qcity db migrate`.
 * Validators: create with them, or `collMod` them onto an existing collection; a server that has
 * neither gets one warning and runs without. The `metrics` collection is made equal to `catalogue` (the
 * configured one; the shipped catalogue when none is given).
 */
export async function migrate(db: Db, logger: Logger, catalogue?: Catalogue): Promise<MigrateResult> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  let validatorsSupported = true;
  const warnOnce = (err: unknown) => {
    if (validatorsSupported) {
      logger.warn(
        { err: (err as Error).message },
        'server does not implement $jsonSchema validators; carrying on without',
      );
    }
    validatorsSupported = false;
  };
  for (const name of COLLECTIONS) {
    const validator = { $jsonSchema: validators[name] };
    if (!existing.has(name)) {
      try {
        if (validatorsSupported) {
          await db.createCollection(name, { validator, validationLevel: 'moderate' });
          continue;
        }
      } catch (err) {
        if ((err as MongoServerError).code === NAMESPACE_EXISTS) continue; // another process won the race
        if (!isNotImplemented(err)) throw err;
        warnOnce(err);
      }
      try {
        await db.createCollection(name);
      } catch (err) {
        if ((err as MongoServerError).code !== NAMESPACE_EXISTS) throw err;
      }
    } else if (validatorsSupported) {
      try {
        await db.command({ collMod: name, validator, validationLevel: 'moderate' });
      } catch (err) {
        if (!isNotImplemented(err)) throw err;
        warnOnce(err);
      }
    }
  }
  let count = 0;
  for (const name of COLLECTIONS) {
    // Only the missing ones, one at a time: FerretDB 1.24 drops the connection (server panic) when one
    // createIndexes call lists several indexes that already exist.
    const present = new Set((await db.collection(name).listIndexes().toArray()).map((i) => i.name as string));
    for (const spec of indexes[name]) {
      if (!present.has(spec.name!)) await db.collection(name).createIndexes([spec]);
    }
    count += indexes[name].length;
  }
  await dropBandRows(db);
  const { metrics } = await syncMetrics(db, catalogueMetrics(catalogue));
  logger.info(
    { db: db.databaseName, validators: validatorsSupported, indexes: count, metrics },
    'store migrated',
  );
  return { validators: validatorsSupported, indexes: count, metrics };
}

/**
 * The `bands` collection of earlier versions held what `contents.simhashBands` holds (band value → contents);
 * it is derived data and goes.
 */
async function dropBandRows(db: Db): Promise<void> {
  if ((await db.listCollections({ name: 'bands' }, { nameOnly: true }).toArray()).length)
    await db.dropCollection('bands');
}
