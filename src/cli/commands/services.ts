import type { Command } from 'commander';
import { servicesDown, servicesInstall, servicesStatus, servicesUp } from '../../services/index.js';
import { runCommand, say } from '../runtime.js';

function describe(rec: {
  url: string;
  origin: string;
  kind: string;
  pid?: number;
  logFile?: string;
}): string {
  return rec.origin === 'started'
    ? `started ${rec.kind} at ${rec.url} (pid ${rec.pid}, log ${rec.logFile})`
    : `using the server that answers at ${rec.url}`;
}

export function register(program: Command): void {
  const services = program.command('services').description('find or start Redis and a MongoDB-wire server');

  services
    .command('up')
    .description(
      'use REDIS_URL/MONGO_URL when they answer, else start redis-server and mongod/FerretDB under .data/',
    )
    .action(() =>
      runCommand(async ({ config, logger }) => {
        const state = await servicesUp(config, logger);
        say(`redis: ${describe(state.redis!)}\nmongo: ${describe(state.mongo!)}`);
        // Only URLs of servers started here (no credentials) are worth exporting; found ones came from the
        // caller's own settings, and a redacted URL would not connect.
        const exports = Object.entries({ REDIS_URL: state.redis!, MONGO_URL: state.mongo! })
          .filter(([, rec]) => rec.origin === 'started')
          .map(([name, rec]) => `${name}=${rec.url}`);
        if (exports.length) say(`export ${exports.join(' ')}`);
      }),
    );

  services
    .command('install')
    .description(
      'build what `services up` would need to start (FerretDB when no mongod is installed); starts nothing',
    )
    .action(() =>
      runCommand(async ({ logger }) => {
        process.stdout.write(`${servicesInstall(logger)}\n`);
      }),
    );

  services
    .command('down')
    .description('stop the services that `services up` started (services found running are left alone)')
    .action(() =>
      runCommand(async ({ config }) => {
        const stopped = await servicesDown(config);
        say(stopped.length ? `stopped ${stopped.join(', ')}` : 'nothing to stop');
      }),
    );

  services
    .command('status')
    .description('ping Redis and MongoDB; exit 1 if either does not answer')
    .action(() =>
      runCommand(async ({ config }) => {
        const st = await servicesStatus(config);
        for (const [name, s] of Object.entries(st)) {
          const how = s.record?.origin === 'started' ? ` (started by qcity, pid ${s.record.pid})` : '';
          say(`${name}: ${s.up ? 'up' : 'DOWN'} at ${s.url}${how}`);
        }
        return st.redis.up && st.mongo.up ? 0 : 1;
      }),
    );
}
