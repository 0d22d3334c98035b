import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of Redis or MongoDB, so a test can take a dependency away from *its own*
 * processes (the servers are shared with other tests): `cut()` drops every connection and refuses new ones
 * until `restore()` listens again on the same port.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  restored = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(target: string): Promise<TcpProxy> {
    const u = new URL(target);
    const proxy = new TcpProxy(u.hostname, Number(u.port));
    await proxy.listen();
    return proxy;
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => {
      // A connection accepted while cutting is refused like any other.
      if (this.server !== server) return void client.destroy();
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** `scheme://127.0.0.1:<proxy port>` plus the original path and query. */
  url(original: string): string {
    const u = new URL(original);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    // close() stops listening at once; its callback would wait for every socket to end, so don't wait for it.
    server?.close();
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => setImmediate(r));
  }

  async restore(): Promise<void> {
    if (!this.server) await this.listen();
    this.restored++;
  }

  async close(): Promise<void> {
    await this.cut();
  }
}
