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

/**
 * The bytes as UTF-8 text, or the offset of the first byte that is not valid
 * UTF-8. JSON on the wire and over HTTP is UTF-8 (RFC 8259 §8.1); decoding
 * leniently would turn a partner's bad bytes into U+FFFD and store text
 * nobody sent, so every reader refuses them instead (#18.16).
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; offset: number } {
  try {
    return { ok: true, text: STRICT_UTF8.decode(bytes) };
  } catch {
    return { ok: false, offset: firstInvalidUtf8(bytes) };
  }
}

// A global in Node and in browsers (the console imports this package). A leading BOM is kept as text, so
// each reader treats it as it did before (JSON.parse refuses it; Fastify's JSON parser skips it).
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Offset of the first byte starting an ill-formed sequence (the Unicode standard's table 3-7 of well-formed UTF-8). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || (n > 0 && i + n >= b.length)) return i;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k]!;
      if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** Parses a Kafka value as JSON; the result is still untrusted (see parseEvent). */
export function fromWireValue(value: Buffer | string | null): { ok: true; raw: unknown } | { ok: false; reason: string } {
  if (value === null) return { ok: false, reason: 'message value is null (tombstone)' };
  let text: string;
  if (typeof value === 'string') text = value;
  else {
    const decoded = decodeUtf8(value);
    if (!decoded.ok) return { ok: false, reason: `value is not valid UTF-8 (byte ${decoded.offset}): the wire format is UTF-8 JSON` };
    text = decoded.text;
  }
  try {
    return { ok: true, raw: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
}
