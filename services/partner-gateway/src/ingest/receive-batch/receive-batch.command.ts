import { storableText, unstorablePath } from '@tjc/runtime';
import { decodeUtf8, isEventType, parseEvent, SOURCES, type ContractIssue, type PlatformEvent, type Source } from '@tjc/contracts';
import type { PartnerLimits } from '../../config';
import { isGranted, type Grants } from '../../partners/grants';
import { jsonDepth } from '../../partners/json-depth';
import type { AuthenticatedPartner } from '../../partners/partner';

/** Why a partner's input went to the quarantine. */
export type QuarantineKind =
  | 'invalid_event'
  | 'impersonation'
  | 'not_granted'
  | 'invalid_json'
  | 'too_deep'
  | 'invalid_batch'
  | 'too_many_events'
  | 'body_too_large'
  | 'dead_letter'
  // Kafka direct path: no or a wrong per-message signature (partners/kafka-origin.ts).
  | 'unsigned'
  | 'bad_signature';

/** A signed batch, authenticated: POST /partner/v1/events. */
export interface ReceiveBatchCommand {
  readonly partner: AuthenticatedPartner;
  /** The raw bytes that were signed. */
  readonly body: Buffer;
  readonly requestId?: string | undefined;
}

export interface EventOutcome {
  readonly index: number;
  readonly id: string | null;
  readonly status: 'accepted' | 'duplicate' | 'rejected';
  readonly issues?: readonly ContractIssue[];
  /** Where a rejected event is kept, for the coordinator. */
  readonly quarantineId?: string;
}

export interface BatchResult {
  readonly webhookId: string;
  readonly results: readonly EventOutcome[];
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/** The body as a whole was refused (after authentication); it is quarantined, not processed. */
export interface BodyRefusal {
  readonly status: 400 | 413;
  readonly kind: Extract<QuarantineKind, 'invalid_json' | 'too_deep' | 'invalid_batch' | 'too_many_events' | 'body_too_large'>;
  readonly message: string;
  readonly events?: number;
}

export type DecodedBatch = { readonly ok: true; readonly events: readonly unknown[] } | ({ readonly ok: false } & BodyRefusal);

/**
 * Decodes a batch body: size, nesting depth (on the raw text, before any
 * parsing), JSON, shape `{ "events": [ … ] }`, count. Never throws.
 */
export function decodeBatch(body: Buffer, limits: PartnerLimits): DecodedBatch {
  if (body.length > limits.maxBodyBytes) return { ok: false, status: 413, kind: 'body_too_large', message: `the body is ${body.length} bytes; at most ${limits.maxBodyBytes} are accepted: split the batch` };
  // Signed bytes that are not UTF-8 are refused, not decoded into U+FFFD: the stored event would not be what was signed (#18.16).
  const decoded = decodeUtf8(body);
  if (!decoded.ok) return { ok: false, status: 400, kind: 'invalid_json', message: `the body is not valid UTF-8 (byte ${decoded.offset}); JSON must be UTF-8 (RFC 8259)` };
  const text = decoded.text;
  const depth = jsonDepth(text, limits.maxJsonDepth);
  if (depth > limits.maxJsonDepth) return { ok: false, status: 400, kind: 'too_deep', message: `JSON nesting deeper than ${limits.maxJsonDepth} levels is refused` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8's message quotes the input (possibly half a surrogate pair, or U+0000), and it is stored with the quarantine entry.
    return { ok: false, status: 400, kind: 'invalid_json', message: storableText(`the body is not JSON: ${(error as Error).message}`) };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Array.isArray((parsed as { events?: unknown }).events)) {
    return { ok: false, status: 400, kind: 'invalid_batch', message: 'the body must be an object { "events": [ <event>, … ] }' };
  }
  const events = (parsed as { events: unknown[] }).events;
  if (events.length === 0) return { ok: false, status: 400, kind: 'invalid_batch', message: 'the batch is empty' };
  if (events.length > limits.maxEvents) return { ok: false, status: 413, kind: 'too_many_events', message: `the batch has ${events.length} events; at most ${limits.maxEvents} are accepted: split it`, events: events.length };
  return { ok: true, events };
}

export type Classified =
  | { readonly ok: true; readonly event: PlatformEvent }
  | { readonly ok: false; readonly kind: Extract<QuarantineKind, 'invalid_event' | 'impersonation' | 'not_granted'>; readonly issues: readonly ContractIssue[] };

/**
 * Decides one event of a partner: it must carry the partner's own source
 * (`impersonation` otherwise), be of a type granted to it (`not_granted`),
 * and satisfy the contracts (envelope, data, subject): the contracts' issues
 * name the field path and the rule. Its business time must not lie in the
 * future (beyond `clock.maxFutureS` of skew).
 */
export function classifyEvent(raw: unknown, partner: Pick<AuthenticatedPartner, 'id' | 'source'>, grants: Grants, clock: BusinessClock = { nowMs: Date.now(), maxFutureS: 300 }): Classified {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, kind: 'invalid_event', issues: [{ path: '', rule: 'invalid_type', message: 'each event must be a JSON object (a CloudEvents envelope)' }] };
  }
  const { source, type } = raw as { source?: unknown; type?: unknown };
  if (source !== undefined && source !== partner.source) {
    return {
      ok: false,
      kind: 'impersonation',
      issues: [{ path: 'source', rule: 'impersonation', message: `authenticated as ${partner.source}; an event may only carry its own source, not ${JSON.stringify(source).slice(0, 100)}` }],
    };
  }
  if (typeof type === 'string' && isEventType(type) && !isGranted(grants, partner.id, type)) {
    return { ok: false, kind: 'not_granted', issues: [{ path: 'type', rule: 'not_granted', message: `${partner.source} is not granted ${type}` }] };
  }
  // Valid for the contracts, but not storable (partner_event.event is jsonb) nor usable by the services' databases.
  const unstorable = unstorablePath(raw);
  if (unstorable !== undefined) {
    return { ok: false, kind: 'invalid_event', issues: [{ path: unstorable, rule: 'invalid_character', message: 'must not contain U+0000 or an unpaired UTF-16 surrogate' }] };
  }
  const parsed = parseEvent(raw);
  if (!parsed.ok) return { ok: false, kind: 'invalid_event', issues: parsed.error.issues };
  const future = futureTimeIssue(parsed.event.time, clock);
  if (future) return { ok: false, kind: 'invalid_event', issues: [future] };
  const region = regionIssue(parsed.event.source, parsed.event.region);
  if (region) return { ok: false, kind: 'invalid_event', issues: [region] };
  return { ok: true, event: parsed.event };
}

/**
 * A partner's event is of its own region, the region of the source it
 * authenticated as (hebei-center: Hebei): the KPIs split figures by it, so a
 * partner could otherwise count its facts as Tianjin's. The facts' own places
 * (an achievement's origin, a receiver's park) are in the data. Both ingress paths.
 */
export function regionIssue(source: Source, region: string): ContractIssue | undefined {
  const own = SOURCES[source].region;
  if (region === own) return undefined;
  return { path: 'region', rule: 'region_of_source', message: `事件地区须为来源所在地区（${own}）/ an event of ${source} is of its region, ${own}, not ${region}` };
}

export interface BusinessClock {
  readonly nowMs: number;
  /** Skew allowed between the partner's clock and ours. */
  readonly maxFutureS: number;
}

/** The issue of a business time after now (beyond the allowed skew), for both ingress paths. */
export function futureTimeIssue(time: string, clock: BusinessClock): ContractIssue | undefined {
  const at = Date.parse(time);
  if (!(at > clock.nowMs + clock.maxFutureS * 1000)) return undefined;
  return { path: 'time', rule: 'not_in_future', message: `业务时间不能晚于当前时间 / the business time ${time} is after now (${new Date(clock.nowMs).toISOString()}); the platform counts what has happened` };
}

/** The `id` of a (possibly invalid) event, for the per-event answer. */
export function eventIdOf(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 128) : null;
}

export function eventTypeOf(raw: unknown): string | null {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type.slice(0, 200) : null;
}

/** How much of a refused body the quarantine keeps. */
export const QUARANTINE_EXCERPT_BYTES = 64 * 1024;
