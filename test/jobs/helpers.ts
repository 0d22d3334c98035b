import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { MongoClient } from 'mongodb';
import { parseConfig } from '../../src/config/load.js';
import type { Config, ConfigInput } from '../../src/config/schema.js';
import { unlinkMatching } from '../../src/redis/index.js';
import { mongoUrl, redisUrl, uniqueName } from '../setup/env.js';

/** A config on a Redis prefix and Mongo database of its own, polite delays off, loopback allowed. */
export function testConfig(overrides: Partial<ConfigInput> = {}): Config {
  const name = uniqueName('qjobs');
  return parseConfig({
    redis: { url: redisUrl(), prefix: name },
    mongo: { url: mongoUrl(), db: name },
    http: {
      allowPrivateNetworks: ['127.0.0.0/8'],
      timeouts: { connectMs: 2000, headersMs: 2000, bodyMs: 2000 },
    },
    robots: { obey: false },
    politeness: { minDelayMs: 0, maxConcurrentPerHost: 8 },
    retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 2000 },
    worker: { concurrency: 4, lockDurationMs: 10_000, stalledIntervalMs: 5000, maxStalledCount: 1 },
    ops: { port: 0, dashboardPort: 0 },
    log: { level: 'silent' },
    ...overrides,
  });
}

/** Deletes every key under the config's prefix and drops its database. */
export async function cleanup(config: Config): Promise<void> {
  const redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1 });
  try {
    await unlinkMatching(redis, `${config.redis.prefix}:*`);
  } finally {
    redis.disconnect();
  }
  const mongo = new MongoClient(config.mongo.url);
  try {
    await mongo.db(config.mongo.db).dropDatabase();
  } finally {
    await mongo.close();
  }
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback HTTP server answering from a route table keyed by path; unknown paths get 404. */
export async function localSite(
  routes: Record<string, Route>,
): Promise<{ origin: string; hits: Map<string, number>; close(): Promise<void> }> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes[path];
    if (route) return route(req, res);
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><body>not here</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An article page the extractor can read: a title, a date line and a few paragraphs of Chinese text. */
export function articleHtml(title: string, paragraphs: string[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="header"><a href="/">首页</a></div>
<div class="article"><h1>${title}</h1><div class="info">来源: 柳州市市场监督管理局 发布日期: 2023-06-07 09:00</div>
<div class="content">${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</div></div>
<div class="footer">版权所有</div></body></html>`;
}

export function html(body: string, status = 200, headers: Record<string, string> = {}): Route {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
  stepMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

const reportPara = (n: number, k: number) =>
  `第${n}号报告：柳州市质量强市建设第${k}项任务完成，抽检合格率${90 + (n % 10)}.${k}%，新增标准${n * 3 + k}项，推动产业高质量发展。`;

/** Article n of a numbered report series, answered after `delayMs` so a run is still going when a fault is injected. */
export const slowArticle =
  (n: number, delayMs: number): Route =>
  (_req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(articleHtml(`质量强市第${n}号`, [reportPara(n, 1), reportPara(n, 2), reportPara(n, 3)]));
    }, delayMs);
  };

/** A local site serving /a/1.html … /a/<pages>.html with slowArticle. */
export function slowReportSite(pages: number, delayMs: number) {
  const routes: Record<string, Route> = {};
  for (let n = 1; n <= pages; n++) routes[`/a/${n}.html`] = slowArticle(n, delayMs);
  return localSite(routes);
}
