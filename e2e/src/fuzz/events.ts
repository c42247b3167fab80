/**
 * Arbitrary platform events, per type of the contracts catalogue: the data
 * from the type's zod schema (zod-arbitrary), wrapped in a complete envelope
 * whose subject is derived from the data as `buildEvent` does, plus the
 * catalogue-specific rules random values almost never satisfy.
 */
import fc from 'fast-check';
import { allDefinitions, CATALOGUE, dataSchemaId, EnvelopeSchema, EVENT_TYPES, EVENTS, isEventType, SOURCES, type EventDefinition, type EventType, type Source } from '@tjc/contracts';
import { ALL_YEARS, isoInstant, REMOVE, type YearRange } from './primitives';
import { applyMutation, mutationsOf, validArbitrary, type Mutation, type ZodArbitraryOptions, type ZodLike } from './zod-arbitrary';

export type RawEvent = Record<string, unknown>;

const definitionByType = new Map<string, EventDefinition>(allDefinitions().map((d) => [d.type, d]));

export function definition(type: EventType): EventDefinition {
  const def = definitionByType.get(type);
  if (!def) throw new Error(`no definition for ${type}`);
  return def;
}

/**
 * Refinements random data almost never meets: person-times must equal the
 * number of distinct enrolments (service.training.completed.v1).
 */
const REPAIRS = new Map<ZodLike, (value: unknown) => unknown>([
  [
    CATALOGUE[EVENTS.trainingCompleted].data,
    (value) => {
      const v = value as { completions: { enrolmentId: string }[] };
      return { ...v, personTimes: new Set(v.completions.map((c) => c.enrolmentId)).size };
    },
  ],
]);

export interface EventArbitraryOptions {
  readonly years?: YearRange;
  /** Keep only events whose subject, derived from the data, is a valid Id (see KNOWN_SUBJECT_FINDINGS). */
  readonly wellFormedSubject?: boolean;
}

/**
 * Contract findings of the fuzz suite: types whose valid data can derive a
 * subject the envelope refuses. kpi.pace.behind.v1 takes any non-empty
 * `kpiCode`, and its subject `${year}-${kpiCode}` must be an Id, so
 * `buildEvent` throws for data its own schema accepts (e.g. kpiCode
 * "培训 人次"). Published versions are never edited: v2 restricts kpiCode to
 * the kebab-case KPI codes and is what the KPI service publishes; v1 stays
 * for the events already on the wire, and stays listed here.
 */
export const KNOWN_SUBJECT_FINDINGS: ReadonlySet<string> = new Set([EVENTS.kpiBehindPaceV1]);

export function hasWellFormedSubject(event: RawEvent): boolean {
  return EnvelopeSchema.shape.subject.safeParse(event['subject']).success;
}

function zodOptions(options: EventArbitraryOptions): ZodArbitraryOptions {
  return { years: options.years ?? ALL_YEARS, repairs: REPAIRS };
}

/**
 * Valid data of one type. A correction additionally names a catalogue type as
 * its target and, when it amends, carries a replacement valid under that type
 * (parseEvent checks both; the zod schema alone cannot).
 */
export function dataArbitrary(type: EventType, options: EventArbitraryOptions = {}, correctionSource?: Source): fc.Arbitrary<Record<string, unknown>> {
  const base = validArbitrary(definition(type).data, zodOptions(options)) as fc.Arbitrary<Record<string, unknown>>;
  if (type !== EVENTS.eventCorrected) return base;
  return fc.tuple(base, fc.constantFrom(...EVENT_TYPES)).chain(([data, targetType]) => {
    const target = { ...(data['target'] as Record<string, unknown>), type: targetType, ...(correctionSource && { source: correctionSource }) };
    const withTarget = { ...data, target };
    if (data['action'] !== 'amend') return fc.constant(withTarget);
    return dataArbitrary(targetType, options).map((replacement) => ({ ...withTarget, replacement }));
  });
}

let counter = 0;

/** A complete, valid envelope of `type` published by `source`. */
export function envelopeArbitrary(type: EventType, source: Source, options: EventArbitraryOptions & { readonly idPrefix: string }): fc.Arbitrary<RawEvent> {
  const arb = rawEnvelopeArbitrary(type, source, options);
  return options.wellFormedSubject ? arb.filter(hasWellFormedSubject) : arb;
}

function rawEnvelopeArbitrary(type: EventType, source: Source, options: EventArbitraryOptions & { readonly idPrefix: string }): fc.Arbitrary<RawEvent> {
  const def = definition(type);
  return fc.record({ data: dataArbitrary(type, options, source), time: isoInstant(options.years ?? ALL_YEARS), withTrace: fc.boolean() }).map(({ data, time, withTrace }) => {
    // Unique per generated event (not per seed): a rerun with the same seed must not collide with its own earlier events.
    const id = `${options.idPrefix}-${(counter++).toString(36)}`;
    const parsed = def.data.safeParse(data);
    const subject = parsed.success ? (def.subjectOf as (d: unknown) => string)(parsed.data) : 'invalid';
    return {
      specversion: '1.0',
      id,
      source,
      type,
      subject,
      time,
      datacontenttype: 'application/json',
      dataschema: dataSchemaId(type, def.version),
      dataversion: def.version,
      region: SOURCES[source].region,
      confidentiality: def.confidentiality,
      correlationId: id,
      ...(withTrace && { traceparent: `00-${'0af7651916cd43dd8448eb211c80319c'}-${'b7ad6b7169203331'}-01` }),
      data,
    };
  });
}

/** Envelope fields a mutation may touch (data is mutated through its own schema; type changes are tested separately). */
const ENVELOPE_MUTABLE = new Set(['specversion', 'id', 'subject', 'time', 'datacontenttype', 'dataschema', 'dataversion', 'region', 'confidentiality', 'traceparent', 'correlationId', 'causationId']);

/** Ways to break a valid envelope: in the envelope itself, or in its data (paths from the envelope root). */
export function eventMutations(event: RawEvent): Mutation[] {
  const type = event['type'];
  if (typeof type !== 'string' || !isEventType(type)) throw new Error(`not a catalogue event: ${String(type)}`);
  const envelope = mutationsOf(EnvelopeSchema, event).filter((m) => typeof m.path[0] === 'string' && ENVELOPE_MUTABLE.has(m.path[0]));
  const data = mutationsOf(definition(type).data, event['data'], ['data']);
  return [...envelope, ...data];
}

export interface MutatedEvent {
  readonly valid: RawEvent;
  readonly mutation: Mutation;
  readonly event: RawEvent;
}

export function mutatedEventArbitrary(valid: fc.Arbitrary<RawEvent>): fc.Arbitrary<MutatedEvent> {
  return valid.chain((event) => fc.constantFrom(...eventMutations(event)).map((mutation) => ({ valid: event, mutation, event: applyMutation(event, mutation) as RawEvent })));
}

export { REMOVE };
