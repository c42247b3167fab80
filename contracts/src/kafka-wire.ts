import { CATALOGUE, type EventType } from './catalogue';
import { TOPICS, type TopicName } from './topics';
import type { PlatformEvent } from './validation';

/**
 * Kafka binding: the whole envelope is the JSON value (CloudEvents structured
 * mode), the key is `subject` so one aggregate stays in one partition, and a
 * few attributes are copied into headers so brokers' tools, tracing and
 * routing can read them without parsing the value.
 */
export const WIRE_HEADERS = {
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  contentType: 'content-type',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

export interface WireMessage {
  readonly topic: TopicName;
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

export function topicOf(type: EventType): TopicName {
  return TOPICS[CATALOGUE[type].topic].name;
}

export function toWireMessage(event: PlatformEvent): WireMessage {
  const headers: Record<string, string> = {
    [WIRE_HEADERS.id]: event.id,
    [WIRE_HEADERS.source]: event.source,
    [WIRE_HEADERS.type]: event.type,
    [WIRE_HEADERS.contentType]: 'application/cloudevents+json; charset=utf-8',
  };
  if (event.traceparent) headers[WIRE_HEADERS.traceparent] = event.traceparent;
  if (event.tracestate) headers[WIRE_HEADERS.tracestate] = event.tracestate;
  return { topic: topicOf(event.type), key: event.subject, value: JSON.stringify(event), headers };
}

/** Parses a Kafka value as JSON; the result is still untrusted (see parseEvent). */
export function fromWireValue(value: Buffer | string | null): { ok: true; raw: unknown } | { ok: false; reason: string } {
  if (value === null) return { ok: false, reason: 'message value is null (tombstone)' };
  try {
    return { ok: true, raw: JSON.parse(typeof value === 'string' ? value : value.toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
}
