import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';

/** The one tracer of the runtime; spans follow the OTel messaging conventions. */
export const tracer = () => trace.getTracer('@tjc/runtime');

/** The W3C traceparent of the active span, to store with an outbox row. */
export function currentTraceparent(): { traceparent?: string; tracestate?: string } {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    ...(carrier['traceparent'] !== undefined && { traceparent: carrier['traceparent'] }),
    ...(carrier['tracestate'] !== undefined && { tracestate: carrier['tracestate'] }),
  };
}

/** The context a traceparent (from Kafka headers or an outbox row) continues. */
export function contextFromTraceparent(traceparent: string | undefined, tracestate?: string): Context {
  if (!traceparent) return context.active();
  return propagation.extract(context.active(), { traceparent, ...(tracestate ? { tracestate } : {}) });
}

export async function inSpan<T>(name: string, kind: SpanKind, parent: Context, attributes: Record<string, string | number | boolean>, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind, attributes }, parent, async (span) => {
    try {
      const result = await fn(span);
      span.setStatus({ code: SpanStatusCode.OK });
      return result;
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
