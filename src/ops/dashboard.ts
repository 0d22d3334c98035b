import { createServer } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express from 'express';
import type { Logger } from '../log.js';
import { assertMayListen, type DashboardCredentials, requireBasicAuth } from './dashboard-auth.js';
import { listen } from './listen.js';

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

/**
 * Bull Board over the given queues at `/` (jobs can be inspected, and unless read-only retried, paused,
 * cleaned and removed from the browser). With credentials every route, /healthz included, needs them;
 * without, it only listens on loopback (refused otherwise, before anything listens).
 */
export async function startDashboard(opts: {
  queues: Queue[];
  host: string;
  port: number;
  logger: Logger;
  credentials?: DashboardCredentials | null;
  /** Bull Board's readOnlyMode on every queue: its write endpoints answer 405. */
  readOnly?: boolean;
}): Promise<Dashboard> {
  const credentials = opts.credentials ?? null;
  assertMayListen(opts.host, credentials);
  const readOnly = opts.readOnly ?? false;
  const board = new ExpressAdapter();
  board.setBasePath('/');
  createBullBoard({
    queues: opts.queues.map((q) => new BullMQAdapter(q, { readOnlyMode: readOnly })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'qcity-ingest' } },
  });
  const app = express();
  if (credentials) app.use(requireBasicAuth(credentials));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/', board.getRouter());
  const http = await listen(createServer(app), opts.host, opts.port);
  const url = `${http.url}/`;
  opts.logger.info({ url, authenticated: credentials !== null, readOnly }, 'dashboard listening');
  return { url, close: http.close };
}
