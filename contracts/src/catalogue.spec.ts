/**
 * Unit tests of the catalogue: every event type with valid examples and with
 * invalid ones whose error names the field path and the rule.
 * Real: zod schemas, envelope builder and parser. Faked: nothing.
 */
import { allDefinitions, EVENT_TYPES, headlineOfEvent, type EventType } from './catalogue';
import { buildEvent } from './build-event';
import { ContractViolation, parseEvent } from './validation';
import { eventJsonSchema } from '../tooling/json-schemas';

const defs = allDefinitions();

function validEnvelope(type: EventType, exampleIndex = 0): Record<string, unknown> {
  const def = defs.find((d) => d.type === type)!;
  const event = buildEvent(type, def.examples[exampleIndex] as never, { source: def.publishers[0]!, time: '2024-06-18T10:00:00+08:00' });
  return JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
}

function expectViolation(raw: unknown): ContractViolation {
  const result = parseEvent(raw);
  if (result.ok) throw new Error(`expected a contract violation, but ${JSON.stringify(raw).slice(0, 200)} was accepted`);
  return result.error;
}

describe('catalogue', () => {
  it('has all the event kinds the platform needs, each with at least one example', () => {
    expect(EVENT_TYPES).toEqual(
      expect.arrayContaining([
        'research.project.found.v1',
        'industry.consortium.formed.v1',
        'service.achievement.transferred.v1',
        'service.training.completed.v1',
        'service.activity.held.v1',
        'fund.investment.made.v1',
        'fund.grant.converted.v1',
        'center.kpi.target-set.v1',
        'center.event.corrected.v1',
      ]),
    );
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length);
  });

  // Types whose data names nothing but ids: lists of events show their subject instead.
  const HEADLESS = new Set(['research.project.screened.v1', 'research.project.rejected.v1', 'fund.grant.converted.v1', 'center.event.corrected.v1']);

  describe.each(defs.map((d) => [d.type, d] as const))('%s', (type, def) => {
    it.each(def.examples.map((e, i) => [i, e] as const))('accepts example #%i from every allowed publisher', (i) => {
      for (const source of def.publishers) {
        const event = buildEvent(type as EventType, def.examples[i] as never, { source, time: '2024-03-01T09:00:00+08:00' });
        const reparsed = parseEvent(JSON.parse(JSON.stringify(event)));
        expect(reparsed.ok).toBe(true);
        expect(event.subject).toBe((def.subjectOf as (d: unknown) => string)(event.data));
        expect(event.dataversion).toBe(def.version);
      }
    });

    it('reads a stored event\'s headline, and none of data it cannot read', () => {
      expect(headlineOfEvent(type, def.data.parse(def.examples[0]))).toBe((def.headlineOf as (d: unknown) => string | null)(def.data.parse(def.examples[0])));
      expect(headlineOfEvent(type, null)).toBeNull();
      expect(headlineOfEvent('unknown.type.v1', def.examples[0])).toBeNull();
    });

    it('names the record of every example by its headline, or names none', () => {
      for (const example of def.examples) {
        const headline = (def.headlineOf as (d: unknown) => string | null)(def.data.parse(example));
        if (headline !== null) expect(headline.trim()).not.toBe('');
        expect(headline === null).toBe(HEADLESS.has(type));
      }
    });

    // A partner example is sent as it stands by its partner: its source must be allowed and the event valid.
    const partnerExamples = def.partnerExamples ?? [];
    if (partnerExamples.length > 0) {
      it.each(partnerExamples.map((e) => [e.summary, e] as const))('accepts the partner example "%s" from its partner source', (_summary, pe) => {
        expect(def.publishers).toContain(pe.source);
        const event = buildEvent(type as EventType, pe.data as never, { source: pe.source, time: '2024-03-01T09:00:00+08:00' });
        expect(parseEvent(JSON.parse(JSON.stringify(event))).ok).toBe(true);
      });
    }

    // Every required data field: removing it is refused, and the error names that field.
    const dataSchema = (eventJsonSchema(def)['properties'] as Record<string, { required?: string[] }>)['data']!;
    const required = dataSchema.required ?? [];
    it('has required data fields to test', () => expect(required.length).toBeGreaterThan(0));
    it.each(required)('refuses a missing data.%s, naming the field and the rule', (field) => {
      const raw = validEnvelope(type as EventType);
      delete (raw['data'] as Record<string, unknown>)[field];
      const error = expectViolation(raw);
      expect(error.kind).toBe('invalid-data');
      // zod reports a missing enum as invalid_value and a missing union as invalid_union.
      const issue = error.issues.find((i) => i.path === `data.${field}`);
      expect(issue?.rule).toMatch(/^invalid_(type|value|union)$/);
      expect(error.message).toContain(`data.${field}`);
    });

    it('refuses a publisher that is not allowed for the type', () => {
      const outsider = (['tjc/kpi', 'tjc/research-network', 'partner/xiongan-center'] as const).find((s) => !def.publishers.includes(s))!;
      const raw = { ...validEnvelope(type as EventType), source: outsider };
      const error = expectViolation(raw);
      expect(error.kind).toBe('forbidden-source');
      expect(error.issues[0]).toMatchObject({ path: 'source', rule: 'not_a_publisher' });
    });

    it('refuses a subject that is not the aggregate id in data', () => {
      const error = expectViolation({ ...validEnvelope(type as EventType), subject: 'some-other-aggregate' });
      expect(error.issues[0]).toMatchObject({ path: 'subject', rule: 'subject_mismatch' });
    });
  });
});

describe('envelope rules', () => {
  const base = () => validEnvelope('service.achievement.transferred.v1');

  it('refuses an unknown event type', () => {
    const error = expectViolation({ ...base(), type: 'service.achievement.stolen.v1' });
    expect(error.kind).toBe('unknown-type');
    expect(error.issues[0]).toMatchObject({ path: 'type', rule: 'unknown_type' });
  });

  it('refuses a business time without an offset', () => {
    const error = expectViolation({ ...base(), time: '2024-06-18T10:00:00' });
    expect(error.issues[0]).toMatchObject({ path: 'time', rule: 'invalid_format' });
  });

  it('refuses a malformed traceparent', () => {
    const error = expectViolation({ ...base(), traceparent: 'not-a-trace' });
    expect(error.issues[0]).toMatchObject({ path: 'traceparent', rule: 'invalid_format' });
  });

  it('refuses a data version whose major differs from the type', () => {
    const error = expectViolation({ ...base(), dataversion: '2.0' });
    expect(error.issues[0]).toMatchObject({ path: 'dataversion', rule: 'major_mismatch' });
  });

  it('refuses a region outside the four regions, naming the allowed ones', () => {
    const error = expectViolation({ ...base(), region: 'shanghai' });
    expect(error.issues[0]).toMatchObject({ path: 'region', rule: 'invalid_value' });
    expect(error.issues[0]!.message).toContain('beijing');
  });

  it('refuses money as a float and a currency other than CNY', () => {
    const raw = base();
    (raw['data'] as { contractAmount: unknown }).contractAmount = { amount: 1200000.5, currency: 'USD' };
    const error = expectViolation(raw);
    expect(error.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'data.contractAmount.amount', rule: 'invalid_type' }),
        expect.objectContaining({ path: 'data.contractAmount.currency', rule: 'invalid_value' }),
      ]),
    );
  });

  it('refuses money with three fraction digits', () => {
    const raw = base();
    (raw['data'] as { contractAmount: unknown }).contractAmount = { amount: '10.005', currency: 'CNY' };
    expect(expectViolation(raw).issues[0]).toMatchObject({ path: 'data.contractAmount.amount', rule: 'invalid_format' });
  });

  it('keeps Chinese text intact through build, JSON and parse', () => {
    const raw = base();
    const parsed = parseEvent(JSON.parse(JSON.stringify(raw)));
    expect(parsed.ok && parsed.event.type === 'service.achievement.transferred.v1' && parsed.event.data.receiver.park).toBe('天津滨海—中关村科技园');
  });

  it('refuses text that is only white space (including the ideographic space)', () => {
    const raw = base();
    (raw['data'] as { receiver: { name: string } }).receiver.name = ' \u3000 ';
    expect(expectViolation(raw).issues[0]).toMatchObject({ path: 'data.receiver.name', rule: 'custom' });
  });
});

describe('event-specific rules', () => {
  it('training: personTimes must equal the distinct enrolments', () => {
    const raw = validEnvelope('service.training.completed.v1');
    (raw['data'] as { personTimes: number }).personTimes = 3;
    expect(expectViolation(raw).issues[0]).toMatchObject({ path: 'data.personTimes', rule: 'custom' });
  });

  it('training: the same enrolment listed twice counts once', () => {
    const raw = validEnvelope('service.training.completed.v1');
    const data = raw['data'] as { completions: { enrolmentId: string; traineeId: string }[]; personTimes: number };
    data.completions.push({ ...data.completions[0]! });
    data.personTimes = 2;
    expect(parseEvent(raw).ok).toBe(true);
  });

  it('demand: a budget whose min exceeds max is refused (exact decimal comparison)', () => {
    const raw = validEnvelope('industry.demand.posted.v1');
    (raw['data'] as { budget: unknown }).budget = { min: { amount: '5000000.01', currency: 'CNY' }, max: { amount: '5000000.00', currency: 'CNY' } };
    expect(expectViolation(raw).issues[0]).toMatchObject({ path: 'data.budget.min', rule: 'custom' });
  });

  it('screening: fewer than three reviews is refused', () => {
    const raw = validEnvelope('research.project.screened.v1');
    (raw['data'] as { reviews: unknown[] }).reviews.pop();
    const issue = expectViolation(raw).issues[0]!;
    expect(issue).toMatchObject({ path: 'data.reviews', rule: 'too_small' });
    expect(issue.message).toContain('at least three experts');
  });

  it('correction: an amendment must carry valid data of the corrected type', () => {
    const raw = validEnvelope('center.event.corrected.v1');
    Object.assign(raw['data'] as object, { action: 'amend', replacement: { activityId: 'act-1', type: 'picnic' } });
    const error = expectViolation(raw);
    expect(error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'data.replacement.type', rule: 'invalid_value' })]));
  });

  it('correction: a retraction must not carry replacement data', () => {
    const raw = validEnvelope('center.event.corrected.v1');
    Object.assign(raw['data'] as object, { replacement: { any: 1 } });
    expect(expectViolation(raw).issues[0]).toMatchObject({ path: 'data.replacement', rule: 'custom' });
  });

  it('kpi target: the counting rule is structured data', () => {
    const raw = validEnvelope('center.kpi.target-set.v1');
    (raw['data'] as { counting: unknown }).counting = { kind: 'average' };
    expect(expectViolation(raw).issues[0]).toMatchObject({ path: 'data.counting.kind', rule: 'invalid_union' });
  });

  it('buildEvent throws a ContractViolation naming the field for invalid data', () => {
    expect(() =>
      buildEvent('service.activity.held.v1', { activityId: 'a-1', type: 'project-promotion', title: '推介会', heldOn: '2024-13-01', place: '天津', organisers: ['天津中心'], participants: 10, pairsMatched: 1 }, { source: 'tjc/service-network' }),
    ).toThrow(/data\.heldOn/);
  });
});
