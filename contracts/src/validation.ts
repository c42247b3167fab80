import { z } from 'zod';
import { CATALOGUE, isEventType, type EventData, type EventType } from './catalogue';
import { EnvelopeSchema, type EnvelopeFields } from './envelope';

/** A validated event of one type: the envelope plus its typed data. */
export type PlatformEvent<T extends EventType = EventType> = {
  [K in T]: EnvelopeFields & { type: K; data: EventData<K> };
}[T];

/** One broken rule, named by the JSON path of the field and the rule. */
export interface ContractIssue {
  /** Dotted path from the envelope root, e.g. `data.institution.region`. */
  readonly path: string;
  /** Machine-readable rule, e.g. `invalid_value`, `too_small`, `unknown_type`. */
  readonly rule: string;
  readonly message: string;
}

export type ContractViolationKind = 'invalid-envelope' | 'unknown-type' | 'invalid-data' | 'forbidden-source';

export class ContractViolation extends Error {
  constructor(
    readonly kind: ContractViolationKind,
    readonly issues: readonly ContractIssue[],
    readonly eventType?: string,
  ) {
    super(`${kind}${eventType ? ` (${eventType})` : ''}: ${issues.map((i) => `${i.path || '<root>'}: ${i.message} [${i.rule}]`).join('; ')}`);
    this.name = 'ContractViolation';
  }
}

export type ParseResult<T extends EventType = EventType> =
  | { readonly ok: true; readonly event: PlatformEvent<T> }
  | { readonly ok: false; readonly error: ContractViolation };

function toIssues(error: z.ZodError, prefix: readonly (string | number)[]): ContractIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    rule: issue.code,
    message: issue.message,
  }));
}

/**
 * Validates an untrusted value as a platform event: envelope, known type,
 * data against the catalogue schema, subject consistent with the data, and
 * a source allowed to publish the type. Never throws.
 */
export function parseEvent(raw: unknown): ParseResult {
  const envelope = EnvelopeSchema.safeParse(raw);
  if (!envelope.success) {
    return { ok: false, error: new ContractViolation('invalid-envelope', toIssues(envelope.error, [])) };
  }
  const env = envelope.data;
  if (!isEventType(env.type)) {
    return {
      ok: false,
      error: new ContractViolation('unknown-type', [{ path: 'type', rule: 'unknown_type', message: `"${env.type}" is not in the contracts catalogue` }], env.type),
    };
  }
  const def = CATALOGUE[env.type];
  const major = env.type.slice(env.type.lastIndexOf('.v') + 2);
  if (env.dataversion.split('.')[0] !== major) {
    return {
      ok: false,
      error: new ContractViolation(
        'invalid-envelope',
        [{ path: 'dataversion', rule: 'major_mismatch', message: `major version must be ${major} for type ${env.type}` }],
        env.type,
      ),
    };
  }
  if (!(def.publishers as readonly string[]).includes(env.source)) {
    return {
      ok: false,
      error: new ContractViolation(
        'forbidden-source',
        [{ path: 'source', rule: 'not_a_publisher', message: `"${env.source}" may not publish ${env.type}; allowed: ${def.publishers.join(', ')}` }],
        env.type,
      ),
    };
  }
  const data = (def.data as z.ZodType).safeParse(env.data);
  if (!data.success) {
    return { ok: false, error: new ContractViolation('invalid-data', toIssues(data.error, ['data']), env.type) };
  }
  const expectedSubject = (def.subjectOf as (d: unknown) => string)(data.data);
  if (expectedSubject !== env.subject) {
    return {
      ok: false,
      error: new ContractViolation(
        'invalid-data',
        [{ path: 'subject', rule: 'subject_mismatch', message: `must be "${expectedSubject}", the id of the aggregate in data` }],
        env.type,
      ),
    };
  }
  if (env.type === 'center.event.corrected.v1') {
    const problem = checkReplacement(data.data as EventData<'center.event.corrected.v1'>);
    if (problem) return { ok: false, error: new ContractViolation('invalid-data', problem, env.type) };
  }
  return { ok: true, event: { ...env, data: data.data } as PlatformEvent };
}

/** An amendment's replacement must itself be valid data of the corrected type. */
function checkReplacement(d: EventData<'center.event.corrected.v1'>): ContractIssue[] | undefined {
  if (!isEventType(d.target.type)) {
    return [{ path: 'data.target.type', rule: 'unknown_type', message: `"${d.target.type}" is not in the contracts catalogue` }];
  }
  if (d.action !== 'amend') return undefined;
  const result = (CATALOGUE[d.target.type].data as z.ZodType).safeParse(d.replacement);
  return result.success ? undefined : toIssues(result.error, ['data', 'replacement']);
}

/** Like parseEvent, but for a caller that expects one type; throws ContractViolation. */
export function parseEventOfType<T extends EventType>(type: T, raw: unknown): PlatformEvent<T> {
  const result = parseEvent(raw);
  if (!result.ok) throw result.error;
  if (result.event.type !== type) {
    throw new ContractViolation('unknown-type', [{ path: 'type', rule: 'unexpected_type', message: `expected ${type}, got ${result.event.type}` }], result.event.type);
  }
  return result.event as PlatformEvent<T>;
}
