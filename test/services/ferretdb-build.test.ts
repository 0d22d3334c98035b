import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../src/log.js';
import {
  buildFerretdb,
  FERRETDB_VERSION,
  ferretdbCacheDir,
  ferretdbWorks,
  versionLine,
} from '../../src/services/ferretdb-build.js';

/** What a real FerretDB v1.24.2 prints for `--version` (the stamped build). */
const REAL_VERSION_OUTPUT = `version: ${FERRETDB_VERSION}
commit: unknown
branch: unknown
dirty: false
package: unknown
debugBuild: false`;

/** What a module build without version.txt prints: a panic whose stack names the module path. */
const PANIC_OUTPUT = `panic: Invalid build/version/version.txt file content. Please run \`bin/task gen-version\`.

goroutine 1 [running]:
github.com/FerretDB/FerretDB/build/version.init.0()
	/root/go/pkg/mod/github.com/!ferret!d!b/!ferret!d!b@${FERRETDB_VERSION}/build/version/version.go:101 +0x4b0`;

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'qcity-ferretdb-'));

/** A shell script standing in for a binary: prints `out` and exits with `code`. */
function fakeBinary(dir: string, name: string, out: string, code: number): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\ncat <<'EOF'\n${out}\nEOF\nexit ${code}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('ferretdbWorks: a binary counts only when --version exits 0 with its own version line', () => {
  it('refuses a binary that panics naming @v1.24.2 in its stack trace and exits 2', () => {
    const bin = fakeBinary(tmp(), 'ferretdb', PANIC_OUTPUT, 2);
    expect(PANIC_OUTPUT).toContain(FERRETDB_VERSION); // the trap the old substring check fell into
    expect(ferretdbWorks(bin)).toBe(false);
  });

  it('refuses the right version line when the exit status is not 0', () => {
    expect(ferretdbWorks(fakeBinary(tmp(), 'ferretdb', REAL_VERSION_OUTPUT, 1))).toBe(false);
  });

  it('refuses another version', () => {
    const other = REAL_VERSION_OUTPUT.replace(FERRETDB_VERSION, 'v1.24.1');
    expect(ferretdbWorks(fakeBinary(tmp(), 'ferretdb', other, 0))).toBe(false);
  });

  it('accepts the lines a stamped v1.24.2 prints', () => {
    expect(ferretdbWorks(fakeBinary(tmp(), 'ferretdb', REAL_VERSION_OUTPUT, 0))).toBe(true);
  });

  it('refuses a path with no file', () => {
    expect(ferretdbWorks(path.join(tmp(), 'absent'))).toBe(false);
  });

  it('reads the version line only, never a version named elsewhere in the output', () => {
    expect(versionLine(REAL_VERSION_OUTPUT)).toBe(FERRETDB_VERSION);
    expect(versionLine(PANIC_OUTPUT)).toBeNull();
  });
});

describe('buildFerretdb with a stand-in go', () => {
  afterEach(() => vi.unstubAllEnvs());

  /**
   * A fake `go` on PATH. `install` puts `installed` (a script body) at $GOBIN/ferretdb; `mod download`
   * reports a module directory with build/version/; `build -o OUT` writes a binary that prints the
   * version.txt it was built with, as FerretDB's embedded stamp does.
   */
  function fakeGo(installed: string): { bin: string; moduleDir: string } {
    const bin = tmp();
    const moduleDir = tmp();
    mkdirSync(path.join(moduleDir, 'build', 'version'), { recursive: true });
    writeFileSync(path.join(moduleDir, 'build', 'version', 'version.txt'), '\n');
    const script = `#!/bin/sh
case "$1" in
  install)
    mkdir -p "$GOBIN"
    cat > "$GOBIN/ferretdb" <<'EOS'
${installed}
EOS
    chmod +x "$GOBIN/ferretdb" ;;
  mod)
    printf '{"Path":"github.com/FerretDB/FerretDB","Dir":"%s"}\\n' "${moduleDir}" ;;
  build)
    v=$(cat build/version/version.txt)
    printf '#!/bin/sh\\necho "version: %s"\\necho "commit: unknown"\\n' "$v" > "$3"
    chmod +x "$3" ;;
esac
`;
    writeFileSync(path.join(bin, 'go'), script);
    chmodSync(path.join(bin, 'go'), 0o755);
    return { bin, moduleDir };
  }

  it('takes the go install result when it works (the documented route)', () => {
    const { bin } = fakeGo(`#!/bin/sh\ncat <<'EOF'\n${REAL_VERSION_OUTPUT}\nEOF\n`);
    vi.stubEnv('PATH', `${bin}:${process.env.PATH}`);
    vi.stubEnv('XDG_CACHE_HOME', tmp());
    const built = buildFerretdb(silentLogger);
    expect(built).toBe(path.join(ferretdbCacheDir(), 'ferretdb'));
    expect(ferretdbWorks(built)).toBe(true);
  });

  it('falls back to a module build with the version stamp when go install gives a panicking binary', () => {
    const { bin } = fakeGo(`#!/bin/sh\ncat <<'EOF'\n${PANIC_OUTPUT}\nEOF\nexit 2\n`);
    vi.stubEnv('PATH', `${bin}:${process.env.PATH}`);
    vi.stubEnv('XDG_CACHE_HOME', tmp());
    const built = buildFerretdb(silentLogger);
    expect(ferretdbWorks(built)).toBe(true);
  });
});
