import { type ChildProcess, spawn } from 'node:child_process';
import { projectRoot } from '../../src/config/load.js';

export type LogLine = { msg?: string; name?: string; ops?: string; level?: number; [k: string]: unknown };

export interface CliProcess {
  child: ChildProcess;
  lines: LogLine[];
  stderr(): string;
  waitFor(test: (l: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `node --import tsx src/cli/main.ts <args>` with the given environment, its JSON log lines (stderr) collected. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: LogLine[] = [];
  const waiters: Array<{ test: (l: LogLine) => boolean; resolve: (l: LogLine) => void }> = [];
  let buffer = '';
  let err = '';
  child.stdout!.resume();
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    buffer += chunk.toString('utf8');
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      const raw = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        continue;
      }
      lines.push(line);
      for (const w of waiters.filter((x) => x.test(line))) w.resolve(line);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    exited,
    stderr: () => err,
    waitFor: (test, timeoutMs) =>
      new Promise<LogLine>((resolve, reject) => {
        const hit = lines.find(test);
        if (hit) return resolve(hit);
        const timer = setTimeout(
          () => reject(new Error(`no matching log line within ${timeoutMs} ms; stderr: ${err.slice(-500)}`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      }),
  };
}
