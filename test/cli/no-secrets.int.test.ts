import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/config/load.js';
import { redactCredentials } from '../../src/redact.js';
import { pingMongo, pingRedis } from '../../src/services/probe.js';
import { startServer, type TestServer } from '../fetch/helpers.js';
import { cleanup, testConfig } from '../jobs/helpers.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';

const PASSWORD = `Planted${randomBytes(6).toString('hex')}`;
const dir = mkdtempSync(path.join(tmpdir(), 'qcity-secrets-'));

/** The test Redis with a password in its URL: a Redis without `requirepass` accepts any (ioredis warns). */
function redisWithPassword(): string {
  const u = new URL(redisUrl());
  return `redis://:${PASSWORD}@${u.host}`;
}

/**
 * The test MongoDB-wire server reached with a user and password. FerretDB (SQLite) takes any PLAIN
 * credentials; a real MongoDB gets a user created for the purpose and SCRAM.
 */
async function mongoWithPassword(): Promise<string> {
  const host = new URL(mongoUrl()).host;
  const plain = `mongodb://qcuser:${PASSWORD}@${host}/?authMechanism=PLAIN`;
  if (await pingMongo(plain)) return plain;
  const client = await MongoClient.connect(mongoUrl());
  try {
    await client.db('admin').command({ createUser: 'qcuser_redact', pwd: PASSWORD, roles: ['root'] });
  } finally {
    await client.close();
  }
  return `mongodb://qcuser_redact:${PASSWORD}@${host}/?authSource=admin`;
}

interface Run {
  code: number | null;
  out: string;
}

function qcity(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out })));
}

let env: NodeJS.ProcessEnv;
let server: TestServer;
let mongoWithPw: string;

beforeAll(async () => {
  mongoWithPw = await mongoWithPassword();
  expect(await pingRedis(redisWithPassword())).toBe(true);
  server = await startServer(
    (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>x</p>'),
  );
  // A source that allows the loopback server's host; private addresses stay refused (not allowed by config).
  const sources = path.join(dir, 'sources.yaml');
  writeFileSync(sources, `- id: loop\n  name: loopback\n  allowedHosts: ['${server.host}']\n`);
  env = {
    REDIS_URL: redisWithPassword(),
    MONGO_URL: mongoWithPw,
    // Services state of its own: `services up` writes what it found there, not into the shared .data/.
    QCITY_DATA_DIR: path.join(dir, 'data'),
    QCITY_SOURCES: sources,
    LOG_LEVEL: 'debug',
  };
});

/** The demo's own database: it refuses one it did not create, and the shared qcity_demo may hold another run's. */
const demoDb = uniqueName('test_secrets_demo');

afterAll(async () => {
  const cfg = testConfig();
  await cleanup({
    ...cfg,
    redis: { ...cfg.redis, prefix: `qcity-demo-${demoDb}` },
    mongo: { ...cfg.mongo, db: demoDb },
  });
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  if (mongoWithPw?.includes('qcuser_redact')) {
    const client = await MongoClient.connect(mongoUrl());
    await client
      .db('admin')
      .command({ dropUser: 'qcuser_redact' })
      .catch(() => {});
    await client.close();
  }
});

describe('no password in anything the CLI prints or logs', () => {
  it('redactCredentials hides userinfo passwords in URLs and in text', () => {
    expect(redactCredentials(`mongodb://qcuser:${PASSWORD}@db:27017/?x=1`)).toBe(
      'mongodb://qcuser:***@db:27017/?x=1',
    );
    expect(redactCredentials(`redis://:${PASSWORD}@h:6379`)).toBe('redis://:***@h:6379');
    expect(redactCredentials(`refused (http://u:p@ss@127.0.0.1/) and https://tok@h/a@b`)).toBe(
      'refused (http://u:***@127.0.0.1/) and https://***@h/a@b',
    );
    expect(redactCredentials('mail a@b.example or http://h/path@x')).toBe(
      'mail a@b.example or http://h/path@x',
    );
  });

  it('services status | up, status, demo and a refused fetch never show the planted password', async () => {
    const runs: Record<string, Run> = {
      'services status': await qcity(['services', 'status'], env),
      'services up': await qcity(['services', 'up'], env),
      status: await qcity(['status'], env),
      'status --json': await qcity(['status', '--json'], env),
      extract: await qcity(['extract', `http://user:${PASSWORD}@127.0.0.1:${server.port}/a.html`], env),
      demo: await qcity(['demo'], { ...env, MONGO_DB: demoDb }),
    };
    for (const [name, run] of Object.entries(runs)) {
      expect(run.out, name).not.toContain(PASSWORD);
      expect(run.out, name).not.toMatch(/Planted[0-9a-f]{12}/);
    }
    // The commands did run and did talk about the URLs (redacted), so the check above is not vacuous.
    expect(runs['services status']!.code).toBe(0);
    expect(runs['services status']!.out).toContain(`redis: up at redis://:***@`);
    expect(runs['services status']!.out).toMatch(/mongo: up at mongodb:\/\/qcuser(_redact)?:\*\*\*@/);
    expect(runs['services up']!.code).toBe(0);
    expect(runs['services up']!.out).toContain('using the server that answers at redis://:***@');
    expect(runs.status!.code).toBe(0);
    expect(runs['status --json']!.code).toBe(0);
    expect(runs.extract!.code).toBe(1);
    // The input is echoed redacted; the refusal names the canonical URL, which carries no credentials at all.
    expect(runs.extract!.out).toMatch(/http:\/\/user:\*\*\*@127\.0\.0\.1:\d+\/a\.html: PRIVATE_ADDRESS: /);
    expect(runs.extract!.out).toMatch(/PRIVATE_ADDRESS: .*\(http:\/\/127\.0\.0\.1:\d+\/a\.html\)/);
    expect(runs.demo!.code, runs.demo!.out.slice(-2000)).toBe(0);
    expect(runs.demo!.out).toMatch(/services: redis redis:\/\/:\*\*\*@/);
  }, 600_000);
});
