/**
 * An OTLP/HTTP trace receiver on the standard port, standing in for the
 * collector so a test can see the spans the running services export.
 *
 * The services' exporter is `@opentelemetry/exporter-trace-otlp-http` with no
 * OTEL_EXPORTER_OTLP_PROTOCOL set, and that package always sends OTLP/JSON
 * (`content-type: application/json`, hex trace and span ids, enum kinds as
 * numbers); compression is off unless OTEL_EXPORTER_OTLP_COMPRESSION says
 * gzip, which we accept too. A protobuf body means the configuration changed
 * under us: it is recorded as a receiver error so the trace assertions fail
 * with that reason instead of "no span found".
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';

export const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

interface OtlpAnyValue {
  readonly stringValue?: string;
  readonly intValue?: number | string;
  readonly boolValue?: boolean;
  readonly doubleValue?: number;
}
interface OtlpKeyValue {
  readonly key: string;
  readonly value: OtlpAnyValue;
}
interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: number;
  readonly attributes?: readonly OtlpKeyValue[];
}
interface OtlpTraceRequest {
  readonly resourceSpans?: readonly {
    readonly resource?: { readonly attributes?: readonly OtlpKeyValue[] };
    readonly scopeSpans?: readonly { readonly spans?: readonly OtlpSpan[] }[];
  }[];
}

/** One exported span, with the service that exported it and its attributes flattened. */
export interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: number;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
}

function flatten(attributes: readonly OtlpKeyValue[] | undefined): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const { key, value } of attributes ?? []) {
    const v = value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue;
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class OtlpReceiver {
  private readonly spans: ReceivedSpan[] = [];
  /** Exports the receiver could not decode: surfaced by the trace assertions. */
  readonly errors: string[] = [];

  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      void readBody(req).then(
        (raw) => {
          this.ingest(req, raw);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        },
        () => res.writeHead(400).end(),
      );
    });
  }

  /**
   * Listens where ./platform points the services (OTEL_EXPORTER_OTLP_ENDPOINT:
   * 127.0.0.1:5318 for the test instance, 4318 by default). Fails loudly when
   * the port is taken: a collector or another suite already receives the
   * spans, and this test would wait for spans it can never see.
   */
  static async start(port = Number(new URL(process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? 'http://127.0.0.1:4318').port || 4318)): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    await new Promise<void>((resolve, reject) => {
      receiver.server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new Error(`127.0.0.1:${port} is in use: stop the OpenTelemetry collector (or other receiver) there; the scenario suite receives the services' spans itself`) : error),
      );
      receiver.server.listen(port, '127.0.0.1', resolve);
    });
    return receiver;
  }

  private ingest(req: IncomingMessage, raw: Buffer): void {
    if (!(req.url ?? '').startsWith('/v1/traces')) return; // metrics or logs, if ever exported: not ours
    const type = req.headers['content-type'] ?? '';
    if (!type.includes('json')) {
      this.errors.push(`an export arrived as ${type}, not OTLP/JSON: set OTEL_EXPORTER_OTLP_PROTOCOL=http/json or decode protobuf here`);
      return;
    }
    try {
      const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      const payload = JSON.parse(body.toString('utf8')) as OtlpTraceRequest;
      for (const rs of payload.resourceSpans ?? []) {
        const service = String(flatten(rs.resource?.attributes)['service.name'] ?? 'unknown');
        for (const ss of rs.scopeSpans ?? []) {
          for (const s of ss.spans ?? []) {
            // Root database spans are the outbox relays polling their tables
            // several times a second: no request or event is behind them.
            if (s.kind === SPAN_KIND.CLIENT && (s.parentSpanId === undefined || s.parentSpanId === '')) continue;
            this.spans.push({
              service,
              traceId: s.traceId,
              spanId: s.spanId,
              parentSpanId: s.parentSpanId === undefined || s.parentSpanId === '' ? undefined : s.parentSpanId,
              name: s.name,
              kind: s.kind,
              attributes: flatten(s.attributes),
            });
          }
        }
      }
    } catch (error) {
      this.errors.push(`an export could not be decoded: ${(error as Error).message}`);
    }
  }

  all(): readonly ReceivedSpan[] {
    return this.spans;
  }

  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  /** The consumer span of one service that processed the event `source` + `id`. */
  consumerOf(service: string, source: string, eventId: string): ReceivedSpan | undefined {
    return this.spans.find(
      (s) => s.service === service && s.kind === SPAN_KIND.CONSUMER && s.attributes['messaging.message.id'] === eventId && s.attributes['cloudevents.event_source'] === source,
    );
  }

  /** The incoming HTTP request span of `service` for `method path`. */
  serverSpans(service: string, method: string, path: string): ReceivedSpan[] {
    return this.spans.filter(
      (s) => s.service === service && s.kind === SPAN_KIND.SERVER && (s.attributes['http.request.method'] ?? s.attributes['http.method']) === method && (s.attributes['url.path'] ?? s.attributes['http.target']) === path,
    );
  }

  /** Whether `span` has `ancestor` on its parent chain (across services: the chain follows parent ids). */
  descendsFrom(span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
    const byId = new Map(this.trace(span.traceId).map((s) => [s.spanId, s]));
    let parentId = span.parentSpanId;
    for (let hops = 0; parentId !== undefined && hops < 200; hops++) {
      if (parentId === ancestor.spanId) return true;
      parentId = byId.get(parentId)?.parentSpanId;
    }
    return false;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
