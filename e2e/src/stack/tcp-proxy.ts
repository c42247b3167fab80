/**
 * A loopback TCP proxy (tc netem does not work on these kernels): put it
 * between a service and PostgreSQL/Redis/Kafka, then `cut()` to drop every
 * connection and refuse new ones (a network partition), `restore()` to heal.
 */
import net from 'node:net';

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private open = true;

  constructor(
    readonly listenPort: number,
    readonly targetPort: number,
    readonly targetHost = '127.0.0.1',
  ) {}

  start(): Promise<void> {
    this.server = net.createServer((client) => {
      if (!this.open) {
        client.destroy();
        return;
      }
      const upstream = net.connect({ port: this.targetPort, host: this.targetHost });
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.once('close', () => this.sockets.delete(s));
        s.on('error', () => (client.destroy(), upstream.destroy()));
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    return new Promise((resolve) => this.server!.listen(this.listenPort, '127.0.0.1', () => resolve()));
  }

  /** Drops every open connection and refuses (resets) new ones until restore(). */
  cut(): void {
    this.open = false;
    for (const s of this.sockets) s.destroy();
  }

  restore(): void {
    this.open = true;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
