import type { z } from 'zod';
import { CATALOGUE, type EventDataInput, type EventType } from './catalogue';
import { dataSchemaId } from './envelope';
import { SOURCES, type Source } from './sources';
import { ContractViolation, parseEvent, type PlatformEvent } from './validation';
import type { Confidentiality, Region } from './vocabulary';

export interface BuildEventOptions {
  readonly source: Source;
  /** Business time; defaults to now. Give the real time of the fact when known. */
  readonly time?: Date | string;
  readonly id?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly traceparent?: string;
  readonly region?: Region;
  readonly confidentiality?: Confidentiality;
}

/** Formats an instant with the +08:00 offset, the center's business zone. */
export function toShanghaiIso(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 23)}+08:00`;
}

/**
 * Builds a complete, validated envelope for an event type. The subject is
 * derived from the data, so producers cannot key an aggregate's events
 * inconsistently. Throws ContractViolation on invalid data.
 */
export function buildEvent<T extends EventType>(type: T, data: EventDataInput<T>, options: BuildEventOptions): PlatformEvent<T> {
  const def = CATALOGUE[type];
  const parsed = (def.data as z.ZodType).safeParse(data);
  // globalThis.crypto (Web Crypto) works in Node and browsers (the console imports contracts).
  const id = options.id ?? globalThis.crypto.randomUUID();
  const time = options.time === undefined ? toShanghaiIso(new Date()) : typeof options.time === 'string' ? options.time : toShanghaiIso(options.time);
  const subject = parsed.success ? (def.subjectOf as (d: unknown) => string)(parsed.data) : 'invalid';
  const raw = {
    specversion: '1.0',
    id,
    source: options.source,
    type,
    subject,
    time,
    datacontenttype: 'application/json',
    dataschema: dataSchemaId(type, def.version),
    dataversion: def.version,
    region: options.region ?? SOURCES[options.source].region,
    confidentiality: options.confidentiality ?? def.confidentiality,
    correlationId: options.correlationId ?? id,
    ...(options.causationId !== undefined && { causationId: options.causationId }),
    ...(options.traceparent !== undefined && { traceparent: options.traceparent }),
    data,
  };
  const result = parseEvent(raw);
  if (!result.ok) throw result.error;
  return result.event as PlatformEvent<T>;
}

export { ContractViolation };
