import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log.js';
import { buildFerretdb, findFerretdb } from './ferretdb-build.js';
import { answers, choosePort, pingMongo, pingRedis, waitUntil } from './probe.js';
import { startDetached, stopPid, which } from './spawn.js';
import { pidAlive, readState, type ServiceRecord, type ServicesState, writeState } from './state.js';

export { localServicesLayer, readState } from './state.js';

export class ServiceUnavailableError extends Error {
  override name = 'ServiceUnavailableError';
}

/**
 * One server per data directory, ever: two database processes on the same files corrupt them (SQLite's
 * WAL index is shared memory). Each port gets its own directory, guarded by the pid of its server.
 */
function claimDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const pidFile = path.join(dir, 'server.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8'));
    if (pidAlive(pid)) {
      throw new ServiceUnavailableError(
        `${dir} is in use by process ${pid}; stop it (npm run qcity -- services down) first`,
      );
    }
  }
}

/**
 * FerretDB 1.24 drops a database by deleting its .sqlite file only; the -wal and -shm left behind would
 * be opened by a later database of the same name and crash the server. Clear them while it is stopped.
 */
function removeOrphanJournals(dataDir: string): void {
  for (const f of readdirSync(dataDir)) {
    const main = f.replace(/-(wal|shm)$/, '');
    if (main !== f && !existsSync(path.join(dataDir, main))) rmSync(path.join(dataDir, f), { force: true });
  }
}

/**
 * Waits for a server we started to answer. When it does not, the error is one line that says why: whether
 * the process is still alive and how its own log ends (a panic, a port in use, a bad flag), since "did not
 * answer" alone sends ops digging for the log.
 */
async function waitForServer(
  ping: () => Promise<boolean>,
  timeoutMs: number,
  srv: { kind: string; url: string; pid: number; logFile: string },
): Promise<void> {
  // A server that exited will never answer: stop waiting at once rather than at the timeout.
  try {
    await waitUntil(ping, timeoutMs, `${srv.kind} at ${srv.url}`, () => !pidAlive(srv.pid));
  } catch (err) {
    const state = pidAlive(srv.pid) ? `is running (pid ${srv.pid})` : `exited (pid ${srv.pid})`;
    const tail = logTail(srv.logFile);
    throw new ServiceUnavailableError(
      `${(err as Error).message}; it ${state}; ${tail ? `its log ${srv.logFile} ends: ${tail}` : `its log ${srv.logFile} is empty`}`,
    );
  }
}

/** The last non-empty lines of a log file, joined into one line (bounded, for an error message). */
export function logTail(file: string, lines = 3, maxChars = 600): string {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return '';
  }
  const last = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-lines)
    .join(' | ');
  return last.length > maxChars ? `…${last.slice(-maxChars)}` : last;
}

function writePid(dir: string, pid: number): void {
  writeFileSync(path.join(dir, 'server.pid'), String(pid));
}

function portOf(url: string, fallback: number): number {
  try {
    return Number(new URL(url).port) || fallback;
  } catch {
    return fallback;
  }
}

/** A record from an earlier `up` whose process still answers is reused (and stays ours to stop). */
async function reuse(rec: ServiceRecord | undefined, ping: (u: string) => Promise<boolean>) {
  if (rec?.origin === 'started' && pidAlive(rec.pid) && (await ping(rec.url))) return rec;
  return undefined;
}

async function ensureRedis(config: Config, prior: ServicesState, logger: Logger): Promise<ServiceRecord> {
  const again = await reuse(prior.redis, pingRedis);
  if (again) return again;
  const url = config.redis.url;
  if (await answers(pingRedis, url)) return { url, origin: 'found', kind: 'external' };
  const bin = which('redis-server');
  if (!bin) {
    throw new ServiceUnavailableError(
      `Redis does not answer at ${url} and redis-server is not installed: install it (apt-get install redis-server) or set REDIS_URL`,
    );
  }
  const port = await choosePort(portOf(url, 6379));
  const dir = path.join(config.dataDir, 'redis', String(port));
  claimDataDir(dir);
  const logFile = path.join(dir, 'redis.log');
  // The local copy keeps nothing on disk: it is for development and tests, not for data that matters.
  const pid = startDetached(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { cwd: dir, logFile },
  );
  writePid(dir, pid);
  const started = `redis://127.0.0.1:${port}`;
  await waitForServer(() => pingRedis(started), 15_000, { kind: 'redis-server', url: started, pid, logFile });
  logger.info({ url: started, pid, logFile }, 'started redis-server');
  return { url: started, origin: 'started', kind: 'redis', pid, logFile, dataPath: dir };
}

async function ensureMongo(config: Config, prior: ServicesState, logger: Logger): Promise<ServiceRecord> {
  const again = await reuse(prior.mongo, pingMongo);
  if (again) return again;
  const url = config.mongo.url;
  if (await answers(pingMongo, url)) return { url, origin: 'found', kind: 'external' };
  const port = await choosePort(portOf(url, 27017));
  const started = `mongodb://127.0.0.1:${port}`;
  const mongod = which('mongod');
  let rec: ServiceRecord;
  if (mongod) {
    const dir = path.join(config.dataDir, 'mongod', String(port));
    claimDataDir(dir);
    const logFile = path.join(dir, 'mongod.log');
    const pid = startDetached(mongod, ['--dbpath', dir, '--bind_ip', '127.0.0.1', '--port', String(port)], {
      cwd: dir,
      logFile,
    });
    writePid(dir, pid);
    rec = { url: started, origin: 'started', kind: 'mongod', pid, logFile, dataPath: dir };
  } else {
    let bin = findFerretdb();
    if (!bin) {
      try {
        bin = buildFerretdb(logger);
      } catch (err) {
        throw new ServiceUnavailableError(
          `MongoDB does not answer at ${url}, mongod is not installed and FerretDB could not be built: ${(err as Error).message}. Install mongod or set MONGO_URL`,
        );
      }
    }
    const dir = path.join(config.dataDir, 'ferretdb', String(port));
    claimDataDir(dir);
    mkdirSync(path.join(dir, 'data'), { recursive: true });
    removeOrphanJournals(path.join(dir, 'data'));
    const logFile = path.join(dir, 'ferretdb.log');
    const pid = startDetached(
      bin,
      [
        '--handler=sqlite',
        // WAL with synchronous=normal: commits are not fsynced one by one (a dev/test server; production
        // runs MongoDB). With the default (full) every write waited for the disk: ~300 ms a page.
        `--sqlite-url=file:${path.join(dir, 'data')}/?_pragma=synchronous(normal)`,
        `--listen-addr=127.0.0.1:${port}`,
        `--state-dir=${dir}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=warn',
      ],
      { cwd: dir, logFile },
    );
    writePid(dir, pid);
    rec = { url: started, origin: 'started', kind: 'ferretdb', pid, logFile, dataPath: dir };
  }
  await waitForServer(() => pingMongo(started), 30_000, {
    kind: rec.kind,
    url: started,
    pid: rec.pid!,
    logFile: rec.logFile!,
  });
  logger.info({ url: started, pid: rec.pid, kind: rec.kind, logFile: rec.logFile }, `started ${rec.kind}`);
  return rec;
}

/**
 * Makes sure Redis and a MongoDB-wire server answer: the configured URLs when they do, else local
 * processes started under dataDir. The result is written to dataDir/services.json so later commands
 * (and `services down`) find them.
 */
export async function servicesUp(config: Config, logger: Logger): Promise<ServicesState> {
  // Two `up`s at once (a test run and a demo, say) must not both decide to start a server.
  const release = await lockDataDir(config.dataDir, logger);
  try {
    const prior = readState(config.dataDir);
    const redis = await ensureRedis(config, prior, logger);
    const mongo = await ensureMongo(config, prior, logger);
    const state = { redis, mongo };
    writeState(config.dataDir, state);
    return state;
  } finally {
    release();
  }
}

/** A lock file holding our pid; a holder that died leaves a lock anyone may take over. */
async function lockDataDir(dataDir: string, logger: Logger, timeoutMs = 600_000): Promise<() => void> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'services.lock');
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch {
      const holder = Number(readFileSync(file, 'utf8') || 0);
      if (!pidAlive(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new ServiceUnavailableError(`${file} is held by process ${holder}`);
      if (!told) logger.info({ holder }, 'waiting for another `services up` to finish');
      told = true;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * Installs what `servicesUp` may need to start, without starting it: today that is FerretDB when no
 * mongod is on PATH. CI runs it before the tests so the build time is not spent inside a test hook.
 */
export function servicesInstall(logger: Logger): string {
  const mongod = which('mongod');
  if (mongod) return `mongod found at ${mongod}`;
  const found = findFerretdb();
  if (found) return `FerretDB found at ${found}`;
  return `FerretDB built at ${buildFerretdb(logger)}`;
}

/** Stops only what `servicesUp` started; services that were found running are left alone. */
export async function servicesDown(config: Config): Promise<string[]> {
  const state = readState(config.dataDir);
  const stopped: string[] = [];
  for (const key of ['mongo', 'redis'] as const) {
    const rec = state[key];
    if (rec?.origin === 'started' && rec.pid && pidAlive(rec.pid)) {
      await stopPid(rec.pid);
      stopped.push(`${rec.kind} (pid ${rec.pid}, ${rec.url})`);
    }
  }
  writeState(config.dataDir, {});
  return stopped;
}

export async function servicesStatus(config: Config) {
  const state = readState(config.dataDir);
  const redisUrl = state.redis?.url ?? config.redis.url;
  const mongoUrl = state.mongo?.url ?? config.mongo.url;
  return {
    redis: { url: redisUrl, up: await pingRedis(redisUrl), record: state.redis },
    mongo: { url: mongoUrl, up: await pingMongo(mongoUrl), record: state.mongo },
  };
}
