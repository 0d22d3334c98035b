/**
 * A FerretDB on PostgreSQL for the bench's side-by-side row: the same FerretDB 1.24 binary as the default,
 * with its PostgreSQL handler, in a temporary state directory. Each MongoDB database becomes a schema of the
 * PostgreSQL database in QCITY_BENCH_POSTGRES_URL (default: the local server's `postgres` database, trust
 * auth), so dropping the bench's database leaves nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findFerretdb } from '../src/services/ferretdb-build.js';
import { choosePort, pingMongo, waitUntil } from '../src/services/probe.js';
import { startDetached, stopPid } from '../src/services/spawn.js';

export const POSTGRES_URL =
  process.env.QCITY_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = connect({ host: u.hostname, port: Number(u.port || 5432) });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(2000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

export type FerretPostgres = { url: string; stop(): Promise<void> } | { skipped: string };

export async function startFerretPostgres(): Promise<FerretPostgres> {
  if (!(await reachable(POSTGRES_URL))) return { skipped: `PostgreSQL does not answer at ${POSTGRES_URL}` };
  const bin = findFerretdb();
  if (!bin) return { skipped: 'no FerretDB binary (run `qcity services up` once)' };
  const dir = mkdtempSync(path.join(tmpdir(), 'qcity-bench-ferretpg-'));
  const port = await choosePort(27317);
  const url = `mongodb://127.0.0.1:${port}`;
  const logFile = path.join(dir, 'ferretdb.log');
  const pid = startDetached(
    bin,
    [
      '--handler=postgresql',
      `--postgresql-url=${POSTGRES_URL}`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
    ],
    { cwd: dir, logFile },
  );
  try {
    await waitUntil(() => pingMongo(url), 20_000, `FerretDB on PostgreSQL (log: ${logFile})`);
  } catch (err) {
    await stopPid(pid);
    rmSync(dir, { recursive: true, force: true });
    return { skipped: (err as Error).message };
  }
  return {
    url,
    async stop() {
      await stopPid(pid);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
