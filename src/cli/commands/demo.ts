import type { Command } from 'commander';
import { formatSummary, type Summary } from '../../../jobs/index.js';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { startFixtureSite } from '../../fixtures/index.js';
import { runOnce } from '../../fleet/index.js';
import type { Logger } from '../../log.js';
import { servicesUp } from '../../services/index.js';
import { claimDemoDatabase, exampleQueries, Store } from '../../store/index.js';
import { runCommand, say } from '../runtime.js';

const DEMO_DB = 'qcity_demo';

/** $MONGO_DB when set, else a database of the demo's own (not config's `qcity`: the demo never writes there by default). */
const demoDbName = () => process.env.MONGO_DB || DEMO_DB;

/** The demo's config: the fixture site's sources, loopback allowed by config, its own database and Redis prefix. */
function demoConfig(
  base: Config,
  sources: Config['sources'],
  urls: { redis: string; mongo: string },
  db: string,
): Config {
  return loadConfig({
    sourcesFile: '/dev/null',
    env: {},
    overrides: {
      // one prefix per database, so two demos on one Redis do not share queues
      redis: { url: urls.redis, prefix: db === DEMO_DB ? 'qcity-demo' : `qcity-demo-${db}` },
      mongo: { url: urls.mongo, db },
      log: { level: base.log.level },
      http: {
        allowPrivateNetworks: ['127.0.0.0/8'],
        timeouts: { connectMs: 2000, headersMs: 3000, bodyMs: 5000 },
      },
      politeness: { maxConcurrentPerHost: 2, minDelayMs: 50 },
      retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2000 },
      worker: { concurrency: 8 },
      sources,
    },
  });
}

function print(s = ''): void {
  say(s);
}

/** Claims (or re-empties) the demo's database before anything is written to it. */
async function prepareDatabase(config: Config, logger: Logger): Promise<void> {
  const store = await Store.connect(config, logger);
  try {
    const how = await claimDemoDatabase(store.db);
    print(
      `database ${config.mongo.db}: ${how === 'claimed' ? "new, marked as the demo's own" : "the demo's own from an earlier run, emptied"}`,
    );
  } finally {
    await store.close();
  }
}

async function versionsOf(config: Config, logger: Logger, url: string): Promise<number[]> {
  const store = await Store.connect(config, logger);
  try {
    return await store.versionNumbers(url);
  } finally {
    await store.close();
  }
}

/**
 * The README's main job: services up, the local fixture sites, every fixture source ingested once with
 * real BullMQ workers, then one page changed and a refresh that must make exactly one new version.
 */
async function demo(base: Config, logger: Logger): Promise<number> {
  const state = await servicesUp(base, logger);
  print(
    `services: redis ${state.redis!.url} (${state.redis!.origin}), mongo ${state.mongo!.url} (${state.mongo!.kind}, ${state.mongo!.origin})`,
  );
  const db = demoDbName();
  const site = await startFixtureSite();
  try {
    const config = demoConfig(base, site.sources(), { redis: state.redis!.url, mongo: state.mongo!.url }, db);
    await prepareDatabase(config, logger);
    print(`fixture sites: ${site.hosts.map((h) => `http://${h}/`).join(' ')}`);
    print(`sources: ${config.sources.map((s) => s.id).join(', ')}`);

    print('\n== first ingest');
    const first = await runOnce(config, logger, { timeoutMs: 5 * 60_000 });
    print(formatSummary(first));
    const changed = site.pages.find((p) => p.url.includes('/t2023'))?.url ?? site.pages[0]!.url;
    site.mutate(changed);
    print(`\n== refresh after changing one page: ${changed}`);
    const second: Summary = await runOnce(config, logger, { timeoutMs: 5 * 60_000 });
    print(formatSummary(second));
    const versions = await versionsOf(config, logger, changed);
    const same = second.unchanged + second.notModified;
    const ok = second.newVersions === 1 && second.newDocuments === 0 && versions.join(',') === '1,2';
    print(
      ok
        ? `\nexactly one new version appeared (${changed} now has versions ${versions.join(', ')}); ${same} other pages were unchanged (${second.notModified} answered 304)`
        : `\nUNEXPECTED: ${second.newVersions} new versions, ${second.newDocuments} new documents; versions of the changed page: ${versions.join(', ') || 'none'}`,
    );
    print(`\nThe data is in MongoDB ${config.mongo.url}, database ${db}. Look at it with`);
    const env = `MONGO_DB=${db}`;
    print(`  ${env} npm run qcity -- query latest-by-city`);
    print(`  ${env} npm run qcity -- export indicators --format csv --out indicators.csv`);
    print(`  ${env} npm run qcity -- report --out report.html`);
    print('or with mongosh (npx fetches it the first time):');
    for (const line of exampleQueries(config.mongo.url, db)) print(`  ${line}`);
    print('services keep running; stop them with: npm run qcity -- services down');
    return ok && first.newDocuments > 0 ? 0 : 1;
  } finally {
    await site.close();
  }
}

export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'ingest the local fixture sites end to end, change one page, refresh, show the one new version',
    )
    .action(() =>
      // The demo talks to a person: only warnings and errors go to the JSON log unless LOG_LEVEL says otherwise.
      runCommand(({ config, logger }) =>
        demo(config, logger.child({}, { level: process.env.LOG_LEVEL ?? 'warn' })),
      ),
    );
}
