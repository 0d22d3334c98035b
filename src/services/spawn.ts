import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';

/** Absolute path of a command on PATH, or null. */
export function which(cmd: string): string | null {
  const res = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const out = res.stdout.trim();
  return res.status === 0 && out ? out : null;
}

/**
 * Starts a server process detached from us, logging to a file, so it outlives the command that
 * started it (`qcity services up` returns; `down` stops it by pid).
 */
export function startDetached(cmd: string, args: string[], opts: { cwd: string; logFile: string }): number {
  mkdirSync(path.dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, 'a');
  const child = spawn(cmd, args, { cwd: opts.cwd, detached: true, stdio: ['ignore', fd, fd] });
  child.unref();
  if (!child.pid) throw new Error(`could not start ${cmd}`);
  return child.pid;
}

export async function stopPid(pid: number, timeoutMs = 5000): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {}
}
