import type { Command } from 'commander';
import { formatSummary, type Summary } from '../../../jobs/index.js';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { startFixtureSite } from '../../fixtures/index.js';
import { runOnce } from '../../fleet/index.js';
import type { Logger } from '../../log.js';
import { servicesUp } from '../../services/index.js';
import { emptyDatabase, exampleQueries, Store } from '../../store/index.js';
import { runCommand, say } from '../runtime.js';

const DEMO_DB = 'qcity_demo';

/** The demo's config: the fixture site's sources, loopback allowed by config, a database of its own. */
function demoConfig(
  base: Config,
  sources: Config['sources'],
  urls: { redis: string; mongo: string },
): Config {
  return loadConfig({
    sourcesFile: '/dev/null',
    env: {},
    overrides: {
      redis: { url: urls.redis, prefix: 'qcity-demo' },
      mongo: { url: urls.mongo, db: DEMO_DB },
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
  await emptyDatabase({ url: state.mongo!.url }, DEMO_DB);
  const site = await startFixtureSite();
  try {
    const config = demoConfig(base, site.sources(), { redis: state.redis!.url, mongo: state.mongo!.url });
    print(`fixture sites: ${site.hosts.map((h) => `http://${h}/`).join(' ')}`);
    print(`sources: ${config.sources.map((s) => s.id).join(', ')}`);

    print('\n== first ingest');
    const first = await runOnce(config, logger, { timeoutMs: 5 * 60_000 });
    print(formatSummary(first));
    print(`\nThe data is in MongoDB ${config.mongo.url}, database ${DEMO_DB}:`);
    for (const line of exampleQueries(config.mongo.url, DEMO_DB)) print(`  ${line}`);

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
