import type { Command } from 'commander';
import { servicesDown, servicesInstall, servicesStatus, servicesUp } from '../../services/index.js';
import { runCommand } from '../runtime.js';

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
        process.stdout.write(`redis: ${describe(state.redis!)}\nmongo: ${describe(state.mongo!)}\n`);
        process.stdout.write(`export REDIS_URL=${state.redis!.url} MONGO_URL=${state.mongo!.url}\n`);
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
        process.stdout.write(stopped.length ? `stopped ${stopped.join(', ')}\n` : 'nothing to stop\n');
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
          process.stdout.write(`${name}: ${s.up ? 'up' : 'DOWN'} at ${s.url}${how}\n`);
        }
        return st.redis.up && st.mongo.up ? 0 : 1;
      }),
    );
}
