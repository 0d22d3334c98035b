import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FERRETDB_VERSION } from '../../src/services/ferretdb-build.js';
import { spawnCli } from '../jobs/cli-proc.js';
import { redisUrl } from '../setup/env.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

describe('services up names why a server did not start', () => {
  it('a FerretDB that dies at start: one stderr line with its exit and the end of its own log', async () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'qcity-cache-'));
    const binDir = path.join(cache, 'qcity-ingest', `ferretdb-${FERRETDB_VERSION}`);
    mkdirSync(binDir, { recursive: true });
    // Passes the --version check, then fails as a server does when its state dir is unusable.
    writeFileSync(
      path.join(binDir, 'ferretdb'),
      `#!/bin/sh
if [ "$1" = "--version" ]; then echo "version: ${FERRETDB_VERSION}"; exit 0; fi
echo "starting FerretDB ${FERRETDB_VERSION}"
echo "panic: open /nonexistent/state.json: permission denied"
exit 2
`,
    );
    chmodSync(path.join(binDir, 'ferretdb'), 0o755);
    const port = await freePort();
    const cli = spawnCli(['services', 'up'], {
      XDG_CACHE_HOME: cache,
      QCITY_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'qcity-data-')),
      MONGO_URL: `mongodb://127.0.0.1:${port}`,
      REDIS_URL: redisUrl(),
      LOG_LEVEL: 'silent',
    });
    const { code } = await cli.exited;
    expect(code).toBe(1);
    const lines = cli
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('qcity:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`ferretdb at mongodb://127\\.0\\.0\\.1:${port} did not answer`));
    expect(lines[0]).toMatch(/it exited \(pid \d+\)/);
    expect(lines[0]).toContain('panic: open /nonexistent/state.json: permission denied');
    // A dead server is reported as soon as it exits, not after the 30 s answer timeout.
    expect(lines[0]).not.toMatch(/within \d+ s/);
  });
});
