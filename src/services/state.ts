import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const ServiceRecordSchema = z.object({
  url: z.string(),
  /** How we came by it: found answering, or started by us (then pid and logFile are set). */
  origin: z.enum(['found', 'started']),
  kind: z.enum(['redis', 'mongod', 'ferretdb', 'external']),
  pid: z.number().int().optional(),
  logFile: z.string().optional(),
  dataPath: z.string().optional(),
});
export const ServicesStateSchema = z.object({
  redis: ServiceRecordSchema.optional(),
  mongo: ServiceRecordSchema.optional(),
});
export type ServiceRecord = z.infer<typeof ServiceRecordSchema>;
export type ServicesState = z.infer<typeof ServicesStateSchema>;

export const stateFile = (dataDir: string) => path.join(dataDir, 'services.json');

export function readState(dataDir: string): ServicesState {
  const file = stateFile(dataDir);
  if (!existsSync(file)) return {};
  try {
    return ServicesStateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return {};
  }
}

export function writeState(dataDir: string, state: ServicesState): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(stateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`);
}

export function pidAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Servers that `qcity services up` started here and that are still running, as a config layer: they stand
 * in for the configured URLs, so `up` once and every later command finds them (REDIS_URL/MONGO_URL still win).
 */
export function localServicesLayer(
  dataDir: string,
): { redis?: { url: string }; mongo?: { url: string } } | null {
  const state = readState(dataDir);
  const out: { redis?: { url: string }; mongo?: { url: string } } = {};
  if (state.redis?.origin === 'started' && pidAlive(state.redis.pid)) out.redis = { url: state.redis.url };
  if (state.mongo?.origin === 'started' && pidAlive(state.mongo.pid)) out.mongo = { url: state.mongo.url };
  return Object.keys(out).length ? out : null;
}
