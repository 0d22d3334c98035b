import { existsSync } from 'node:fs';
import path from 'node:path';

/** The clone's root; `../shared` (read-only material) sits beside it, locally and in CI. */
const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Absolute path of `../shared/<rel>`, the one way every test finds the shared material. When it is
 * missing: under CI (where it is always beside the clone) the test file fails with this message, since a
 * skip there would hide a missing fixture; on a developer's machine the caller skips, with a warning.
 */
export function sharedDir(rel: string): string | undefined {
  const dir = path.resolve(repoRoot, '..', 'shared', rel);
  if (existsSync(dir)) return dir;
  const what = `../shared/${rel} not found (looked at ${dir}); it must sit beside the clone`;
  if (process.env.CI) throw new Error(`${what}: CI never skips tests for a missing fixture`);
  console.warn(`${what}: skipping the tests that read it`);
  return undefined;
}
