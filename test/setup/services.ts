import { loadConfig } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { servicesDown, servicesUp } from '../../src/services/index.js';

/**
 * Vitest global setup for the integration project: the same code path as `qcity services up`.
 * Services it had to start are stopped again at teardown; services it found running are left alone.
 */
export default async function setup() {
  const config = loadConfig({ sourcesFile: '/dev/null' });
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', 'test-setup');
  const state = await servicesUp(config, logger);
  process.env.REDIS_URL = state.redis!.url;
  process.env.MONGO_URL = state.mongo!.url;
  const startedHere = state.redis?.origin === 'started' || state.mongo?.origin === 'started';
  return async () => {
    if (startedHere && !process.env.QCITY_KEEP_SERVICES) await servicesDown(config);
  };
}
