import type { PlatformEvent } from '@tjc/contracts';
import { currentTraceparent } from '@tjc/runtime';

export interface TraceContext {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

/**
 * The event as the gateway republishes it: the partner's envelope (id,
 * source, time and data untouched), carrying the trace context of the
 * gateway's work that accepted it (the HTTP request, or the consumer of the
 * partner inbound topic). The outbox writes a `traceparent` Kafka header only
 * when the envelope has one, so without this every consumer of a partner
 * event started a new trace, cut off from the request that accepted it.
 *
 * The trace context is transport metadata, not the partner's data: the
 * gateway's context replaces one the partner put in the envelope (the
 * gateway's own span already continues a `traceparent` the partner sent with
 * its HTTP request). Without an active span (tracing off) the envelope stays
 * as sent. `tracestate` belongs to its `traceparent`, so both are replaced
 * together.
 */
export function withTraceContext(event: PlatformEvent, context: TraceContext = currentTraceparent()): PlatformEvent {
  if (context.traceparent === undefined) return event;
  const { traceparent: _partnerTraceparent, tracestate: _partnerTracestate, ...envelope } = event;
  return { ...envelope, traceparent: context.traceparent, ...(context.tracestate !== undefined && { tracestate: context.tracestate }) } as PlatformEvent;
}
