import net from 'node:net';
import { createRedis } from '../redis/index.js';

export { pingMongo } from '../store/index.js';

/** True when a Redis server answers PING at the URL within the timeout. */
export async function pingRedis(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = createRedis({ redis: { url } }, 'ping', { name: 'qcity-services', timeoutMs });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Before deciding a server is absent (and starting another), ask again: on a loaded machine one ping can
 * time out while the server is fine, and a second server on the same files would corrupt them.
 */
export async function answers(
  ping: (url: string) => Promise<boolean>,
  url: string,
  tries = 3,
): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await ping(url)) return true;
    if (i < tries - 1) await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** True when nothing listens on host:port. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

/** The preferred port when free, else one the OS picks. */
export async function choosePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  if (await portIsFree(preferred, host)) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitUntil(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  hopeless: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    if (hopeless()) throw new Error(`${what} did not answer`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
