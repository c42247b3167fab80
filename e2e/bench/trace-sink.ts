/**
 * A minimal OTLP/HTTP endpoint for the tracing-on runs: it accepts every
 * export (200) and only counts requests and bytes, so the bench proves spans
 * were exported without spending this process's CPU decoding them (a real
 * collector would run elsewhere). For decoding and asserting on spans see
 * e2e/src/scenario/otlp-receiver.ts, which keeps every span in memory.
 */
import { createServer, type Server } from 'node:http';

export class TraceSink {
  requests = 0;
  bytes = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<TraceSink> {
    let sink: TraceSink | undefined;
    const server = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => sink && (sink.bytes += chunk.length));
      req.on('end', () => {
        if (sink && (req.url ?? '').startsWith('/v1/traces')) sink.requests++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('the trace sink has no port');
    sink = new TraceSink(server, address.port);
    return sink;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
