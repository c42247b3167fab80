/**
 * Links from an event to its trace in the tracing UI: Zipkin (the local stack,
 * infra/zipkin) or Jaeger (docker-compose).
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

export function zipkinTraceUrl(base: string, traceId: string): string {
  return `${trimSlash(base)}/zipkin/traces/${traceId}`;
}

/**
 * Zipkin keeps OpenTelemetry attributes as tags, and annotationQuery matches
 * `key=value` across every service: the event's id is on the span of each
 * consumer that processed it (the runtime sets `messaging.message.id`), not
 * on its producer's, so the search is not narrowed to one service.
 */
export function zipkinSearchUrl(base: string, opts: { eventId: string }): string {
  const params = new URLSearchParams({ annotationQuery: `messaging.message.id=${opts.eventId}`, lookback: String(7 * 24 * 3600 * 1000), limit: '20' });
  return `${trimSlash(base)}/zipkin/?${params.toString()}`;
}

/**
 * Zipkin's UI fills its search form from the URL but does not run it, so a
 * link that knows only the event's id asks Zipkin's query API for the trace
 * (the same query) and opens the trace itself; undefined when there is none
 * yet (spans arrive in batches) or Zipkin does not answer.
 */
export async function findZipkinTrace(base: string, eventId: string, fetchFn: typeof fetch = fetch): Promise<string | undefined> {
  const params = new URLSearchParams({ annotationQuery: `messaging.message.id=${eventId}`, lookback: String(7 * 24 * 3600 * 1000), limit: '1' });
  try {
    const res = await fetchFn(`${trimSlash(base)}/api/v2/traces?${params.toString()}`);
    if (!res.ok) return undefined;
    const traces = (await res.json()) as { traceId?: unknown }[][];
    const id = traces[0]?.[0]?.traceId;
    return typeof id === 'string' && /^[0-9a-f]{16,32}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

export interface TraceUi {
  readonly kind: 'zipkin' | 'jaeger';
  readonly url: string;
}

/** The best link for an event: its trace when the traceparent is known, else a search by event id. */
export function traceLink(ui: TraceUi, event: { eventId: string; traceparent?: string | null; service?: string }): string {
  const traceId = traceIdOf(event.traceparent);
  const search = { eventId: event.eventId, ...(event.service !== undefined && { service: event.service }) };
  if (ui.kind === 'zipkin') return traceId ? zipkinTraceUrl(ui.url, traceId) : zipkinSearchUrl(ui.url, { eventId: event.eventId });
  return traceId ? jaegerTraceUrl(ui.url, traceId) : jaegerSearchUrl(ui.url, search);
}
