import { createServer } from 'node:http';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import express from 'express';
import type { Logger } from '../log.js';
import { listen } from './listen.js';

export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

/** Bull Board over the given queues at `/` (jobs can be inspected, retried and removed from the browser). */
export async function startDashboard(opts: {
  queues: Queue[];
  host: string;
  port: number;
  logger: Logger;
}): Promise<Dashboard> {
  const board = new ExpressAdapter();
  board.setBasePath('/');
  createBullBoard({
    queues: opts.queues.map((q) => new BullMQAdapter(q)),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'qcity-ingest' } },
  });
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/', board.getRouter());
  const http = await listen(createServer(app), opts.host, opts.port);
  const url = `${http.url}/`;
  opts.logger.info({ url }, 'dashboard listening');
  return { url, close: http.close };
}
