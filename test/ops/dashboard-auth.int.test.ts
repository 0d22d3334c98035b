import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { openQueues, type Queues } from '../../jobs/queues.js';
import { projectRoot } from '../../src/config/load.js';
import { silentLogger } from '../../src/log.js';
import { type Dashboard, startDashboard } from '../../src/ops/dashboard.js';
import { closeRedis, createRedis } from '../../src/redis/index.js';
import { spawnCli } from '../jobs/cli-proc.js';
import { cleanup, testConfig } from '../jobs/helpers.js';

/** docker-compose.yml's dashboard healthcheck script, pointed at `hostPort` instead of the container's :3000. */
function composeHealthcheck(hostPort: string): string {
  const compose = YAML.parse(readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8'));
  const test = compose.services.dashboard.healthcheck.test as string[];
  expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
  return test[3]!.replace('127.0.0.1:3000', hostPort);
}

function runNode(script: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env } }, (err) =>
      resolve(err ? ((err as { code?: number }).code ?? 1) : 0),
    );
  });
}

const USER = 'ops';
const PASSWORD = 'correct horse battery staple';
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const dir = mkdtempSync(path.join(tmpdir(), 'qcity-dash-'));

/** Every kind of route Bull Board serves, read and write, plus our own /healthz. */
const ROUTES: Array<[method: string, path: string]> = [
  ['GET', '/'],
  ['GET', '/healthz'],
  ['GET', '/api/queues'],
  ['GET', '/api/redis/stats'],
  ['PUT', '/api/queues/page/pause'],
  ['PUT', '/api/queues/pause'],
  ['PUT', '/api/queues/page/clean/completed'],
  ['PUT', '/api/queues/page/retry/failed'],
  ['PUT', '/api/queues/page/obliterate'],
];

describe('dashboard access', () => {
  const config = testConfig();
  const redis = createRedis(config, 'worker');
  let queues: Queues;
  const open: Dashboard[] = [];
  const start = async (opts: { readOnly?: boolean; host?: string } = {}) => {
    const d = await startDashboard({
      queues: queues.all,
      host: opts.host ?? '127.0.0.1',
      port: 0,
      logger: silentLogger,
      credentials: { user: USER, password: PASSWORD },
      readOnly: opts.readOnly ?? false,
    });
    open.push(d);
    return d.url.replace(/\/$/, '').replace('0.0.0.0', '127.0.0.1');
  };

  beforeAll(() => {
    queues = openQueues(config, redis);
  });
  afterAll(async () => {
    for (const d of open) await d.close();
    await queues?.close();
    await closeRedis(redis);
    await cleanup(config);
    rmSync(dir, { recursive: true, force: true });
  });

  it('`qcity dashboard` beyond loopback without a password refuses to start', async () => {
    const cli = spawnCli(['dashboard'], {
      QCITY_OPS_HOST: '0.0.0.0',
      QCITY_DASHBOARD_PORT: '0',
      REDIS_URL: config.redis.url,
      QCITY_DASHBOARD_PASSWORD: '',
      QCITY_DASHBOARD_PASSWORD_FILE: '',
    });
    const timer = setTimeout(() => cli.child.kill('SIGKILL'), 20_000);
    const exit = await cli.exited;
    clearTimeout(timer);
    expect(exit.signal, 'still serving after 20 s').toBeNull();
    expect(exit.code).toBe(1);
    expect(cli.stderr()).toMatch(
      /refusing to serve the dashboard on 0\.0\.0\.0 without credentials: set QCITY_DASHBOARD_PASSWORD/,
    );
  });

  it('`qcity dashboard` beyond loopback with a secret file asks every request for it', async () => {
    const secret = path.join(dir, 'dashboard_password');
    writeFileSync(secret, `${PASSWORD}\n`);
    const cli = spawnCli(['dashboard'], {
      QCITY_OPS_HOST: '0.0.0.0',
      QCITY_DASHBOARD_PORT: '0',
      REDIS_URL: config.redis.url,
      QCITY_DASHBOARD_USER: USER,
      QCITY_DASHBOARD_PASSWORD_FILE: secret,
    });
    try {
      const ready = await cli.waitFor((l) => l.msg === 'dashboard listening', 30_000);
      expect(ready).toMatchObject({ authenticated: true, readOnly: false });
      const base = String(ready.url).replace('0.0.0.0', '127.0.0.1');
      expect((await fetch(`${base}healthz`)).status).toBe(401);
      const ok = await fetch(`${base}healthz`, { headers: { authorization: basic(USER, PASSWORD) } });
      expect(ok.status).toBe(200);
      // The compose healthcheck authenticates the same way (secret file or variable).
      const check = composeHealthcheck(new URL(base).host);
      expect(
        await runNode(check, { QCITY_DASHBOARD_USER: USER, QCITY_DASHBOARD_PASSWORD_FILE: secret }),
      ).toBe(0);
      expect(await runNode(check, { QCITY_DASHBOARD_USER: USER, QCITY_DASHBOARD_PASSWORD: PASSWORD })).toBe(
        0,
      );
      expect(await runNode(check, { QCITY_DASHBOARD_USER: USER, QCITY_DASHBOARD_PASSWORD: 'wrong' })).toBe(1);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  });

  it('every route answers 401 without the right credentials, and works with them', async () => {
    const base = await start({ host: '0.0.0.0' });
    for (const [method, route] of ROUTES) {
      const none = await fetch(`${base}${route}`, { method });
      expect(none.status, `${method} ${route}`).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      const wrong = await fetch(`${base}${route}`, {
        method,
        headers: { authorization: basic(USER, 'guess') },
      });
      expect(wrong.status, `${method} ${route} wrong password`).toBe(401);
      const otherUser = await fetch(`${base}${route}`, {
        method: 'GET',
        headers: { authorization: basic('admin', PASSWORD) },
      });
      expect(otherUser.status).toBe(401);
    }
    expect(await queues.page.isPaused()).toBe(false);
    const auth = { authorization: basic(USER, PASSWORD) };
    expect((await fetch(`${base}/`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${base}/api/queues`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${base}/api/queues/page/pause`, { method: 'PUT', headers: auth })).status).toBe(200);
    expect(await queues.page.isPaused()).toBe(true);
    await queues.page.resume();
  });

  it('read-only mode turns every write action off', async () => {
    const base = await start({ readOnly: true });
    const auth = { authorization: basic(USER, PASSWORD) };
    expect((await fetch(`${base}/api/queues`, { headers: auth })).status).toBe(200);
    for (const [method, route] of ROUTES.filter(([m, r]) => m === 'PUT' && r.includes('/page/'))) {
      const res = await fetch(`${base}${route}`, { method, headers: auth });
      expect(res.status, `${method} ${route}`).toBe(405);
    }
    // "Pause all" skips read-only queues (and so pauses nothing).
    await fetch(`${base}/api/queues/pause`, { method: 'PUT', headers: auth });
    expect(await queues.page.isPaused()).toBe(false);
    expect(await queues.discovery.isPaused()).toBe(false);
  });
});
