import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../log.js';
import { which } from './spawn.js';

export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

/** Built binaries are kept outside the clone so fresh clones on the same machine reuse them. */
export function ferretdbCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
  return path.join(base, 'qcity-ingest', `ferretdb-${FERRETDB_VERSION}`);
}

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const res = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { ok: res.status === 0, out: `${res.stdout ?? ''}${res.stderr ?? ''}`.trim(), error: res.error };
}

/**
 * A FerretDB binary is usable only if `--version` exits 0 and prints its own `version: v1.24.2` line.
 * A module build without the version stamp panics, and the panic's stack trace names the module path
 * (`…/ferretdb@v1.24.2/build/version/…`): a substring check accepted that broken binary once.
 */
export function ferretdbWorks(bin: string): boolean {
  if (!existsSync(bin)) return false;
  const res = run(bin, ['--version']);
  return res.ok && versionLine(res.out) === FERRETDB_VERSION;
}

/** The version FerretDB's `--version` reports on its `version: vX.Y.Z` line, or null. */
export function versionLine(out: string): string | null {
  return /^version:\s*(v\S+)\s*$/m.exec(out)?.[1] ?? null;
}

export function findFerretdb(): string | null {
  const candidates = [
    path.join(ferretdbCacheDir(), 'ferretdb'),
    which('ferretdb'),
    path.join(process.env.GOBIN ?? path.join(os.homedir(), 'go', 'bin'), 'ferretdb'),
  ].filter((p): p is string => !!p);
  return candidates.find(ferretdbWorks) ?? null;
}

/**
 * Builds FerretDB v1.24.2 from its Go module. First the documented `go install …@v1.24.2`; if the
 * module proxy refuses it (some proxies answer 403 to the version-list lookup go install makes for
 * deprecation checks) or the result panics for want of build/version/version.txt (absent from module
 * zips), fall back to building the same module source with the version stamp FerretDB's own build
 * task would write. Throws with the exact go output when neither works.
 */
export function buildFerretdb(logger: Logger): string {
  const go = which('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
  if (!go)
    throw new Error(
      'FerretDB is not installed and Go is missing: install Go, or set MONGO_URL to a MongoDB server',
    );
  const outDir = ferretdbCacheDir();
  mkdirSync(outDir, { recursive: true });
  const target = path.join(outDir, 'ferretdb');
  const pkg = `${FERRETDB_MODULE}/cmd/ferretdb@${FERRETDB_VERSION}`;

  logger.info({ pkg }, 'building FerretDB with go install (first time only; takes a minute or two)');
  const gobin = path.join(outDir, 'gobin');
  const inst = run(go, ['install', pkg], { env: { GOBIN: gobin, CGO_ENABLED: '0' } });
  if (inst.ok && ferretdbWorks(path.join(gobin, 'ferretdb'))) {
    copyFileSync(path.join(gobin, 'ferretdb'), target);
    chmodSync(target, 0o755);
    return target;
  }
  const why = inst.ok
    ? 'the installed binary does not start (missing version stamp)'
    : inst.out.split('\n')[0];
  logger.warn({ reason: why }, 'go install did not give a working FerretDB; building from the module source');

  const dl = run(go, ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`]);
  if (!dl.ok) throw new Error(`cannot build FerretDB: go mod download failed: ${dl.out}`);
  const dir = (JSON.parse(dl.out) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`cannot build FerretDB: go mod download gave no source directory: ${dl.out}`);
  const src = path.join(outDir, 'src');
  rmSync(src, { recursive: true, force: true });
  cpSync(dir, src, { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', src]);
  const stamp = path.join(src, 'build', 'version');
  writeFileSync(path.join(stamp, 'version.txt'), `${FERRETDB_VERSION}\n`);
  for (const f of ['commit.txt', 'branch.txt', 'package.txt'])
    writeFileSync(path.join(stamp, f), 'unknown\n');
  const build = run(go, ['build', '-o', target, './cmd/ferretdb'], { cwd: src, env: { CGO_ENABLED: '0' } });
  rmSync(src, { recursive: true, force: true });
  if (!build.ok || !ferretdbWorks(target))
    throw new Error(`cannot build FerretDB: go build failed: ${build.out}`);
  return target;
}
