/**
 * Links from an event to its trace in the tracing UI (Jaeger, docker-compose).
 * With the event's W3C traceparent we link the trace itself; otherwise a
 * search by the consumer span's `messaging.message.id` attribute (set by the
 * runtime for every processed event) finds it.
 */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function traceIdOf(traceparent: string | null | undefined): string | undefined {
  const m = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  const id = m?.[1];
  return id && !/^0+$/.test(id) ? id : undefined;
}

/** The traceparent inside a stored envelope (a dead letter's value), if any. */
export function traceparentInEnvelope(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && 'traceparent' in parsed && typeof parsed.traceparent === 'string') return parsed.traceparent;
  } catch {
    /* not JSON */
  }
  return undefined;
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');

export function jaegerTraceUrl(base: string, traceId: string): string {
  return `${trimSlash(base)}/trace/${traceId}`;
}

export function jaegerSearchUrl(base: string, opts: { service?: string; eventId: string }): string {
  const params = new URLSearchParams({ service: opts.service ?? 'kpi', tags: JSON.stringify({ 'messaging.message.id': opts.eventId }), lookback: '7d', limit: '20' });
  return `${trimSlash(base)}/search?${params.toString()}`;
}

/** The best link for an event: its trace when the traceparent is known, else a search by event id. */
export function traceLink(base: string, event: { eventId: string; traceparent?: string | null; service?: string }): string {
  const traceId = traceIdOf(event.traceparent);
  if (traceId) return jaegerTraceUrl(base, traceId);
  return jaegerSearchUrl(base, { eventId: event.eventId, ...(event.service !== undefined && { service: event.service }) });
}
