/**
 * THE counting rule of every KPI, written once: a KPI is data (event types,
 * filters, counting) and this pure function turns the candidate events of one
 * (year, KPI) plus the corrections aimed at them into a value and its lineage.
 * No per-KPI code exists anywhere else.
 *
 * It is a function of its inputs only, independent of arrival order: events
 * are ordered by business time (then source, id), so the event that "made" a
 * distinct unit is always the earliest one, and an incremental build equals a
 * rebuild from the archive. The same ordering makes "as of date D" a plain
 * filter on the lineage: a unit exists by D exactly when its maker is ≤ D.
 */
import { authorityOf, CenterRole, Region, SOURCES, type KpiCounting, type KpiFilter, type Source } from '@tjc/contracts';

export interface KpiRule {
  readonly eventTypes: readonly string[];
  readonly filters: readonly KpiFilter[];
  readonly counting: KpiCounting;
  /**
   * Where a counted fact counts in the region breakdown: this data path's
   * region (`origin.region`: where a transferred achievement came from),
   * instead of the publisher's. Absent, or not a region: the publisher's.
   */
  readonly regionPath?: string;
}

/** An archived event that may count towards a KPI (its type is one of the KPI's). */
export interface CandidateEvent {
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly time: Date;
  readonly region: string;
  readonly dataversion: string;
  readonly receivedAt: Date;
  readonly data: unknown;
}

/** A `center.event.corrected.v1`, as archived. */
export interface CorrectionRecord {
  readonly source: string;
  readonly id: string;
  readonly time: Date;
  readonly receivedAt: Date;
  readonly correctionId: string;
  readonly target: { readonly source: string; readonly id: string; readonly type: string };
  readonly action: 'retract' | 'amend';
  readonly reason: string;
  readonly replacement?: unknown;
}

export type FactStatus = 'counted' | 'duplicate' | 'retracted' | 'excluded';

export interface EventRef {
  readonly source: string;
  readonly id: string;
}

export interface AppliedCorrection extends EventRef {
  readonly correctionId: string;
  readonly action: 'retract' | 'amend';
  readonly reason: string;
}

export interface Fact {
  readonly event: CandidateEvent;
  readonly status: FactStatus;
  /** Units this event adds to the value (0 unless counted). */
  readonly contribution: number;
  /** Distinct keys this event made (it was the first, in business time, to have them). */
  readonly keys: readonly string[];
  /** Keys this event carried that an earlier event had already made. */
  readonly duplicates: readonly { readonly key: string; readonly madeBy: EventRef }[];
  /** Why it does not count (excluded / retracted). */
  readonly reason?: string;
  /** The correction in force on this event, if any. */
  readonly correction?: AppliedCorrection;
  /** The region it counts under when the rule reads one from the data (`regionPath`). */
  readonly region?: string;
}

export interface Evaluation {
  readonly value: number;
  readonly facts: readonly Fact[];
}

export type CorrectionVerdict = 'accepted' | 'unauthorised' | 'type-mismatch';

/**
 * Identity authorities (ADR 0016): the network that owns an aggregate's
 * identity may also correct a partner's event of that type, because it alone
 * decides that two reports are one project. Only partner targets: one of our
 * networks never corrects another's events.
 */
export const IDENTITY_AUTHORITIES: Readonly<Record<string, string>> = {
  'research.project.found.v1': 'tjc/research-network',
};

function isIdentityAuthority(correctionSource: string, target: Pick<CandidateEvent, 'source' | 'type'>): boolean {
  return IDENTITY_AUTHORITIES[target.type] === correctionSource && target.source.startsWith('partner/');
}

/**
 * Contracts: only the source that published an event, or the center, may
 * correct it; and the identity authority of its type a partner's event
 * (above). Consumers ignore corrections from anyone else.
 */
export function judgeCorrection(correction: Pick<CorrectionRecord, 'source' | 'target'>, target: Pick<CandidateEvent, 'source' | 'type'>): CorrectionVerdict {
  if (correction.source !== target.source && correction.source !== 'tjc/center' && !isIdentityAuthority(correction.source, target)) return 'unauthorised';
  if (correction.target.type !== target.type) return 'type-mismatch';
  return 'accepted';
}

/** Reads a dot path (`leadEnterprise.region`, `completions.0.enrolmentId`) from event data. */
export function readPath(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function show(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

/** Undefined when the filter holds, else the reason it does not. */
export function failedFilter(filter: KpiFilter, data: unknown): string | undefined {
  const actual = readPath(data, filter.path);
  switch (filter.op) {
    case 'eq':
      return actual === filter.value ? undefined : `${filter.path} = ${show(actual)}, required ${JSON.stringify(filter.value)}`;
    case 'in':
      return (typeof actual === 'string' || typeof actual === 'number') && (filter.values as readonly (string | number)[]).includes(actual)
        ? undefined
        : `${filter.path} = ${show(actual)}, required one of ${JSON.stringify(filter.values)}`;
    case 'exists':
      return actual !== undefined && actual !== null ? undefined : `${filter.path} is missing`;
  }
}

// ---------------------------------------------------------------- attribution (#18.17, ADR 0017)

/**
 * Whose achievement a fact is, as the KPIs read it. `basis` says where the
 * role comes from:
 *   stated        the event's `attribution` (a partner's, or a center service's stamp);
 *   implied-own   no attribution on an event of the center's own services: they
 *                 published facts of the center before the field existed (archived
 *                 events are never rewritten), and only they may publish as tjc/…;
 *   unstated      no attribution on a partner's event: never read as the center's own;
 *   refused       a partner stating `own`: the center's own facts are the center
 *                 services' to state, not a partner's (it may state `joint`).
 * `centerRole` is what filters on `attribution.centerRole` see (null: no role counts).
 */
export interface AttributionView {
  readonly basis: 'stated' | 'implied-own' | 'unstated' | 'refused';
  readonly centerRole: CenterRole | null;
  /** The role as the event stated it (differs from centerRole only when refused). */
  readonly statedRole: CenterRole | null;
  readonly organiser: { readonly name: string; readonly source?: string } | null;
}

function isKnownSource(source: string): source is Source {
  return Object.hasOwn(SOURCES, source);
}

function isCenterRole(value: unknown): value is CenterRole {
  return typeof value === 'string' && (CenterRole.values as readonly string[]).includes(value);
}

export function attributionOf(event: Pick<CandidateEvent, 'source'>, data: unknown): AttributionView {
  const stated = readPath(data, 'attribution');
  const role = readPath(stated, 'centerRole');
  const partner = !isKnownSource(event.source) || SOURCES[event.source].kind === 'partner';
  if (isCenterRole(role)) {
    const name = readPath(stated, 'organiser.name');
    const source = readPath(stated, 'organiser.source');
    const organiser = typeof name === 'string' ? { name, ...(typeof source === 'string' && { source }) } : null;
    if (partner && role === 'own') return { basis: 'refused', centerRole: null, statedRole: role, organiser };
    return { basis: 'stated', centerRole: role, statedRole: role, organiser };
  }
  if (!partner && isKnownSource(event.source)) {
    return { basis: 'implied-own', centerRole: 'own', statedRole: null, organiser: { name: SOURCES[event.source].zh, source: event.source } };
  }
  return { basis: 'unstated', centerRole: null, statedRole: null, organiser: null };
}

const ATTRIBUTION_PATH = 'attribution.';

/**
 * A filter on the event: filters on `attribution.…` read the attribution as
 * attributionOf resolves it (not the raw data), and say why it does not count
 * in words a coordinator can act on; every other filter reads the data.
 */
export function failedFilterOf(filter: KpiFilter, event: Pick<CandidateEvent, 'source'>, data: unknown): string | undefined {
  if (!filter.path.startsWith(ATTRIBUTION_PATH)) return failedFilter(filter, data);
  const view = attributionOf(event, data);
  const resolved = view.centerRole === null ? undefined : { centerRole: view.centerRole, ...(view.organiser && { organiser: view.organiser }) };
  const failure = failedFilter(filter, { attribution: resolved });
  if (failure === undefined) return undefined;
  const by = view.organiser ? `（主办/遴选：${view.organiser.name}）` : '';
  switch (view.basis) {
    case 'unstated':
      return `归属未声明：合作方事件须说明主办（遴选）方及天津中心的角色 / attribution missing: a partner event must state who organised or selected it and the center's part (${failure})`;
    case 'refused':
      return `合作方不能声明“自办”${by}：天津中心自办的事实由中心自身的服务发布 / a partner cannot state centerRole "own"; the center's own facts are published by its own services (${failure})`;
    default:
      return `归属为“${view.centerRole ? CenterRole.label(view.centerRole) : '—'}”${by}，不计入本指标 / attribution ${view.centerRole ?? 'none'} does not count for this KPI (${failure})`;
  }
}

function keyOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The paths a rule reads (its filters and its counting key) that the center
 * owns (contracts FACT_AUTHORITIES, #18.14): undefined when whoever asserted
 * the data in force is the authority of each, else the reason the event does
 * not count. The asserter is the event's source, or the source of the
 * amendment whose data replaced it.
 */
export function unauthorisedAssertion(rule: KpiRule, type: string, asserter: string): string | undefined {
  const paths = [...rule.filters.map((f) => f.path)];
  if (rule.counting.kind === 'count-distinct' && rule.counting.key !== 'subject') paths.push(rule.counting.key);
  for (const path of paths) {
    const authority = authorityOf(type, path);
    if (authority !== undefined && authority.source !== asserter) {
      return `${path} 由 ${asserter} 声称，权威为${authority.zh}（${authority.source}）/ asserted by ${asserter}, the authority is ${authority.en} (${authority.source})`;
    }
  }
  return undefined;
}

/** Business-time order, then source and id: total and independent of arrival. */
export function compareEvents(a: Pick<CandidateEvent, 'time' | 'source' | 'id'>, b: Pick<CandidateEvent, 'time' | 'source' | 'id'>): number {
  return a.time.getTime() - b.time.getTime() || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function compareCorrections(a: CorrectionRecord, b: CorrectionRecord): number {
  return a.time.getTime() - b.time.getTime() || a.receivedAt.getTime() - b.receivedAt.getTime() || compareEvents(a, b);
}

/**
 * The correction in force on an event: the latest accepted one (by the
 * correction's business time, then arrival). A retraction removes the event;
 * an amendment replaces its data. A correction received before its target is
 * simply waiting in the input and applies as soon as the target is there.
 */
export function effectiveCorrection(event: Pick<CandidateEvent, 'source' | 'id' | 'type'>, corrections: readonly CorrectionRecord[]): CorrectionRecord | undefined {
  const accepted = corrections
    .filter((c) => c.target.source === event.source && c.target.id === event.id && judgeCorrection(c, event) === 'accepted')
    .sort(compareCorrections);
  return accepted[accepted.length - 1];
}

/**
 * What one event is to a rule, on its own: retracted or excluded (with the
 * reason), or eligible with the distinct keys it carries, in the order of its
 * data. Whether an eligible event is counted or a duplicate depends on the
 * other events (who made each key first); that part is the evaluator's
 * (below) and the incremental engine's (src/engine), which share this one.
 */
export type Judgement =
  | { readonly eligible: true; readonly keys: readonly string[]; readonly correction?: AppliedCorrection; readonly region?: string }
  | { readonly eligible: false; readonly status: 'retracted' | 'excluded'; readonly reason: string; readonly correction?: AppliedCorrection };

export function judgeEvent(rule: KpiRule, event: CandidateEvent, correction: CorrectionRecord | undefined): Judgement {
  const applied: AppliedCorrection | undefined = correction && {
    source: correction.source,
    id: correction.id,
    correctionId: correction.correctionId,
    action: correction.action,
    reason: correction.reason,
  };
  const base = applied ? { correction: applied } : {};
  if (correction?.action === 'retract') return { eligible: false, status: 'retracted', reason: `retracted by ${correction.source}: ${correction.reason}`, ...base };
  const data = correction?.action === 'amend' ? correction.replacement : event.data;
  const unauthorised = unauthorisedAssertion(rule, event.type, correction?.action === 'amend' ? correction.source : event.source);
  if (unauthorised !== undefined) return { eligible: false, status: 'excluded', reason: unauthorised, ...base };
  const failure = rule.filters.map((f) => failedFilterOf(f, event, data)).find((r) => r !== undefined);
  if (failure !== undefined) return { eligible: false, status: 'excluded', reason: failure, ...base };

  let eventKeys: (string | undefined)[];
  if (rule.counting.kind === 'count-distinct') {
    eventKeys = [keyOf(rule.counting.key === 'subject' ? event.subject : readPath(data, rule.counting.key))];
  } else {
    const items = readPath(data, rule.counting.items);
    if (!Array.isArray(items)) return { eligible: false, status: 'excluded', reason: `${rule.counting.items} is not a list`, ...base };
    const itemKey = rule.counting.key;
    eventKeys = items.map((item) => keyOf(readPath(item, itemKey)));
  }
  if (eventKeys.length === 0) {
    return { eligible: false, status: 'excluded', reason: `${rule.counting.kind === 'sum-distinct-items' ? rule.counting.items : 'items'} is empty`, ...base };
  }
  if (eventKeys.some((k) => k === undefined)) {
    const path = rule.counting.kind === 'count-distinct' ? rule.counting.key : `${rule.counting.items}[].${rule.counting.key}`;
    return { eligible: false, status: 'excluded', reason: `counting key ${path} is missing`, ...base };
  }
  const region = rule.regionPath === undefined ? undefined : readPath(data, rule.regionPath);
  return { eligible: true, keys: [...new Set(eventKeys as string[])], ...(typeof region === 'string' && (Region.values as readonly string[]).includes(region) && { region }), ...base };
}

/** Why a duplicate does not count, as the lineage says it. */
export function duplicateReason(keys: readonly string[]): string {
  return `already counted: ${keys.join(', ')}`;
}

/** Corrections grouped by their target (source + id), for effectiveCorrection. */
export function correctionsByTarget(corrections: readonly CorrectionRecord[]): Map<string, CorrectionRecord[]> {
  const byTarget = new Map<string, CorrectionRecord[]>();
  for (const c of corrections) {
    const k = `${c.target.source}\u0000${c.target.id}`;
    byTarget.set(k, [...(byTarget.get(k) ?? []), c]);
  }
  return byTarget;
}

/**
 * THE reference: a (year, KPI)'s value and lineage from all its candidate
 * events and corrections at once. The incremental engine must always equal it
 * (the property test in src/engine proves it for random histories).
 */
export function evaluateKpi(rule: KpiRule, candidates: readonly CandidateEvent[], corrections: readonly CorrectionRecord[] = []): Evaluation {
  const types = new Set(rule.eventTypes);
  const byTarget = correctionsByTarget(corrections);
  const madeBy = new Map<string, EventRef>();
  const facts: Fact[] = [];
  let value = 0;

  for (const event of [...candidates].filter((e) => types.has(e.type)).sort(compareEvents)) {
    const judgement = judgeEvent(rule, event, effectiveCorrection(event, byTarget.get(`${event.source}\u0000${event.id}`) ?? []));
    const base = { event, ...(judgement.correction && { correction: judgement.correction }), ...(judgement.eligible && judgement.region !== undefined && { region: judgement.region }) };
    if (!judgement.eligible) {
      facts.push({ ...base, status: judgement.status, contribution: 0, keys: [], duplicates: [], reason: judgement.reason });
      continue;
    }
    const keys: string[] = [];
    const duplicates: { key: string; madeBy: EventRef }[] = [];
    for (const key of judgement.keys) {
      const maker = madeBy.get(key);
      if (maker) duplicates.push({ key, madeBy: maker });
      else {
        madeBy.set(key, { source: event.source, id: event.id });
        keys.push(key);
      }
    }
    value += keys.length;
    facts.push(
      keys.length > 0
        ? { ...base, status: 'counted', contribution: keys.length, keys, duplicates }
        : { ...base, status: 'duplicate', contribution: 0, keys, duplicates, reason: duplicateReason(duplicates.map((d) => d.key)) },
    );
  }
  return { value, facts };
}
