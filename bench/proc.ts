import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(benchDir, '..');

/** A TypeScript child with an IPC channel, run through the same tsx loader as `npm run bench` itself. */
export function spawnTs(
  script: string,
  env: Record<string, string>,
  serialization: 'json' | 'advanced' = 'json',
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, script)], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
    serialization,
  });
}

/** The next IPC message of a given type; rejects when the child exits first or the wait is over. */
export function nextMessage<T extends { type: string }>(
  child: ChildProcess,
  type: T['type'],
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no "${type}" from child ${child.pid} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: { type?: string }) => {
      if (m?.type === type) done(undefined, m as T);
    };
    const onExit = (code: number | null) =>
      done(new Error(`child ${child.pid} exited (${code}) before "${type}"`));
    function done(err?: Error, m?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(m as T);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** What every bench child reports about itself when it finishes. */
export interface ProcessStats {
  pid: number;
  /** Peak resident set size (getrusage ru_maxrss), bytes. */
  peakRss: number;
  /** User + system CPU time, ms. */
  cpuMs: number;
}

export function selfStats(): ProcessStats {
  const r = process.resourceUsage();
  return { pid: process.pid, peakRss: r.maxRSS * 1024, cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000 };
}
