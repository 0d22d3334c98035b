import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { readState, servicesDown, servicesUp } from '../../src/services/index.js';

/**
 * Vitest global setup for the integration project: the same code path as `qcity services up`.
 * Services it had to start are stopped again at teardown; services it found running are left alone.
 */
export default async function setup() {
  const config = loadConfig({ sourcesFile: '/dev/null' });
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'test-setup');
  const before = readState(config.dataDir);
  const state = await servicesUp(config, logger);
  process.env.REDIS_URL = state.redis!.url;
  process.env.MONGO_URL = state.mongo!.url;
  // Only what this run started is stopped: a server an earlier `services up` started stays up.
  const ours = (now: typeof state.redis, prior: typeof state.redis) =>
    now?.origin === 'started' && now.pid !== prior?.pid;
  const startedHere = ours(state.redis, before.redis) || ours(state.mongo, before.mongo);
  return async () => {
    if (startedHere && !process.env.QCITY_KEEP_SERVICES) await servicesDown(config);
  };
}
