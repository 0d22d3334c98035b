import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { listen } from './listen.js';
import type { OpsMetrics } from './metrics.js';
import type { Check } from './readiness.js';

export interface OpsServerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  metrics: OpsMetrics;
  checks: Record<string, Check>;
  logger: Logger;
  /** While true (shutting down) /readyz answers 503 so a balancer stops sending work. */
  isClosing?: () => boolean;
}

export interface OpsServer {
  url: string;
  close(): Promise<void>;
}

async function readiness(
  checks: Record<string, Check>,
): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const names = Object.keys(checks);
  const results = await Promise.allSettled(names.map((n) => checks[n]!()));
  const out: Record<string, string> = {};
  results.forEach((r, i) => {
    out[names[i]!] = r.status === 'fulfilled' ? 'ok' : String((r.reason as Error)?.message ?? r.reason);
  });
  return { ok: results.every((r) => r.status === 'fulfilled'), checks: out };
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

/** `/healthz` (the process answers), `/readyz` (Redis and MongoDB answer; 503 otherwise) and `/metrics`. */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'method not allowed\n');
    if (path === '/healthz') return send(res, 200, 'application/json', '{"status":"ok"}\n');
    if (path === '/readyz') {
      if (opts.isClosing?.()) return send(res, 503, 'application/json', '{"status":"closing"}\n');
      const r = await readiness(opts.checks);
      return send(
        res,
        r.ok ? 200 : 503,
        'application/json',
        `${JSON.stringify({ status: r.ok ? 'ready' : 'not-ready', checks: r.checks })}\n`,
      );
    }
    if (path === '/metrics')
      return send(res, 200, opts.metrics.registry.contentType, await opts.metrics.registry.metrics());
    return send(res, 404, 'text/plain', 'not found\n');
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      opts.logger.error({ err: err.message, url: req.url }, 'ops endpoint failed');
      if (!res.headersSent) send(res, 500, 'text/plain', `${err.message}\n`);
    });
  });
  return listen(server, opts.host, opts.port);
}
