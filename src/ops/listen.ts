import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:9464 */
  url: string;
  close(): Promise<void>;
}

/** Listens on host:port (0 = any free port) and returns the URL and a close that does not wait for idle sockets. */
export async function listen(server: Server, host: string, port: number): Promise<Listening> {
  // Idle keep-alive sockets must not hold shutdown open.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { address, port: bound } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
