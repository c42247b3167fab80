/**
 * Property-based fuzzing of the partner gateway (POST /partner/v1/events)
 * with every event type a partner may publish. Each run sends one signed
 * batch mixing: random valid events of the partner's granted types (answered
 * "accepted"), events already accepted earlier in the run (answered
 * "duplicate"), mutated events (answered "rejected" with the mutated field's
 * path and a rule), valid events of types the partner is not granted
 * ("rejected", not_granted) and an unknown type ("rejected", unknown_type).
 * Signed garbage bodies are refused with 4xx. Nothing may answer 5xx.
 *
 * Real: the running gateway, its Redis rate limiter, PostgreSQL and Kafka.
 * Ids carry a per-run tag, so reruns never collide; business times are in
 * FUZZ_BUSINESS_YEARS so accepted events never move a real year's KPIs.
 */
import fc from 'fast-check';
import { EVENT_TYPES, isEventType, type EventType } from '@tjc/contracts';
import { FUZZ_BUSINESS_YEARS, FUZZ_RUNS, FUZZ_SEED, fuzzParameters, RUN_TAG } from '../src/fuzz/config';
import { envelopeArbitrary, eventMutations, type RawEvent } from '../src/fuzz/events';
import { garbageBodyArbitrary } from '../src/fuzz/garbage';
import { PartnerClient, partnerCredentials, type PartnerCredentials } from '../src/partner-client';
import { dotted } from '../src/fuzz/primitives';
import { recordSection, table } from '../src/fuzz/report';
import { applyMutation } from '../src/fuzz/zod-arbitrary';
import { platformServices } from '../src/platform';

jest.setTimeout(300_000);

const gateway = platformServices().find((s) => s.name === 'partner-gateway')!;

type Expected = { readonly status: 'accepted' | 'duplicate' } | { readonly status: 'rejected'; readonly path: string; readonly rule?: string };
interface Outcome {
  readonly index: number;
  readonly id: string | null;
  readonly status: 'accepted' | 'duplicate' | 'rejected';
  readonly issues?: readonly { readonly path: string; readonly rule: string }[];
  readonly quarantineId?: string;
}

interface Tally {
  requests: number;
  events: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  notGranted: number;
  garbage: number;
  byStatus: Record<string, number>;
  server5xx: number;
  throttled: number;
  types: Set<string>;
}
const tallies = new Map<string, Tally>();
const tallyOf = (partner: string): Tally =>
  tallies.get(partner) ??
  tallies.set(partner, { requests: 0, events: 0, accepted: 0, duplicate: 0, rejected: 0, notGranted: 0, garbage: 0, byStatus: {}, server5xx: 0, throttled: 0, types: new Set() }).get(partner)!;

function countStatus(t: Tally, status: number): void {
  t.requests++;
  t.byStatus[status] = (t.byStatus[status] ?? 0) + 1;
  if (status >= 500) t.server5xx++;
}

/** One batch: what is sent, and what the gateway must answer for each event. */
interface Batch {
  readonly events: readonly RawEvent[];
  readonly expected: readonly Expected[];
}

function batchArbitrary(partner: PartnerCredentials, previous: () => readonly RawEvent[]): fc.Arbitrary<Batch> {
  const options = { idPrefix: `${RUN_TAG}-${partner.id}`, years: FUZZ_BUSINESS_YEARS, wellFormedSubject: true } as const;
  const granted = fc.constantFrom(...partner.granted).chain((type) => envelopeArbitrary(type, partner.source, options));
  const ungrantedTypes = EVENT_TYPES.filter((t) => !partner.granted.includes(t));
  const ungranted = fc.constantFrom(...ungrantedTypes).chain((type: EventType) => envelopeArbitrary(type, partner.source, options));
  const mutated = granted.chain((event) => fc.constantFrom(...eventMutations(event)).map((mutation) => ({ event: applyMutation(event, mutation) as RawEvent, path: dotted(mutation.path) })));
  return fc
    .record({
      valid: fc.array(granted, { minLength: 1, maxLength: 4 }),
      invalid: fc.array(mutated, { maxLength: 2 }),
      notGranted: fc.array(ungranted, { maxLength: 1 }),
      unknownType: fc.boolean(),
      resend: fc.nat({ max: 2 }),
      order: fc.infiniteStream(fc.nat()),
    })
    .map(({ valid, invalid, notGranted, unknownType, resend, order }) => {
      const entries: { event: RawEvent; expected: Expected }[] = [
        ...valid.map((event) => ({ event, expected: { status: 'accepted' } as const })),
        // Accepted in an earlier run of this test: the same source + id again.
        ...previous()
          .slice(-resend)
          .filter(() => resend > 0)
          .map((event) => ({ event, expected: { status: 'duplicate' } as const })),
        ...invalid.map(({ event, path }) => ({ event, expected: { status: 'rejected', path } as const })),
        ...notGranted.map((event) => ({ event, expected: { status: 'rejected', path: 'type', rule: 'not_granted' } as const })),
        ...(unknownType && valid[0] ? [{ event: { ...valid[0], id: `${String(valid[0]['id'])}-u`, type: 'research.project.invented.v1' }, expected: { status: 'rejected', path: 'type', rule: 'unknown_type' } as const }] : []),
      ];
      // Shuffle deterministically (from the seed), so position never decides the outcome.
      const keys = order.take(entries.length);
      const shuffled = entries.map((e, i) => ({ e, k: keys.next().value as number, i })).sort((a, b) => a.k - b.k || a.i - b.i).map((x) => x.e);
      return { events: shuffled.map((x) => x.event), expected: shuffled.map((x) => x.expected) };
    });
}

describe('partner gateway fuzz (every partner × every granted event type)', () => {
  const partners = partnerCredentials();

  beforeAll(async () => {
    console.log(`fuzz-gateway: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} run tag ${RUN_TAG}`);
    const live = await fetch(`${gateway.url}/health/ready`);
    expect(live.status).toBe(200);
  });

  it('knows the three partners and what each is granted', () => {
    expect(partners.map((p) => p.id).sort()).toEqual(['beijing-hq', 'hebei-center', 'xiongan-center']);
    for (const p of partners) expect(p.granted.length).toBeGreaterThan(0);
  });

  it.each(partnerCredentials().map((p) => [p.id, p] as const))('%s: valid events accepted, resends duplicate, mutated and ungranted rejected with path and rule', async (_id, partner) => {
    const tally = tallyOf(partner.id);
    const accepted: RawEvent[] = [];
    const problems: string[] = [];
    const check = (batch: Batch, res: { status: number; body: unknown }) => {
      countStatus(tally, res.status);
      expect(res.status).toBe(200);
      const body = res.body as { results: readonly Outcome[] };
      expect(body.results).toHaveLength(batch.events.length);
      batch.expected.forEach((expected, i) => {
        const got = body.results[i]!;
        const event = batch.events[i]!;
        tally.events++;
        tally.types.add(String(event['type']));
        tally[got.status]++;
        if (got.status !== expected.status) {
          problems.push(`${partner.id} ${String(event['type'])} ${String(event['id'])}: expected ${expected.status}${expected.status === 'rejected' ? ` at ${expected.path}` : ''}, got ${got.status} ${JSON.stringify(got.issues ?? [])}`);
          return;
        }
        if (expected.status === 'rejected') {
          // The issue names the mutated field and a rule; a quarantine entry keeps it for the coordinator.
          const issue = got.issues?.find((x) => x.path === expected.path);
          if (!issue || !issue.rule || (expected.rule && issue.rule !== expected.rule) || !got.quarantineId) {
            problems.push(`${partner.id} ${String(event['type'])}: rejected without issue at ${expected.path}${expected.rule ? ` (${expected.rule})` : ''}: ${JSON.stringify(got)}`);
          }
          if (expected.rule === 'not_granted') tally.notGranted++;
        }
        if (got.status === 'accepted') accepted.push(event);
      });
      expect(problems).toEqual([]);
    };

    // Coverage first, whatever FUZZ_RUNS: one random event of every type of the catalogue (granted → accepted, the rest → not_granted).
    const options = { idPrefix: `${RUN_TAG}-${partner.id}-all`, years: FUZZ_BUSINESS_YEARS, wellFormedSubject: true } as const;
    const all = EVENT_TYPES.map((type) => fc.sample(envelopeArbitrary(type, partner.source, options), { seed: FUZZ_SEED, numRuns: 1 })[0]!);
    const coverage: Batch = {
      events: all,
      expected: all.map((e) => (partner.granted.includes(e['type'] as EventType) ? { status: 'accepted' } : { status: 'rejected', path: 'type', rule: 'not_granted' })),
    };
    check(coverage, await PartnerClient.of(gateway.url, partner).sendSignedPatiently(JSON.stringify({ events: coverage.events }), () => tally.throttled++));

    await fc.assert(
      fc.asyncProperty(
        batchArbitrary(partner, () => accepted),
        async (batch) => {
          check(batch, await PartnerClient.of(gateway.url, partner).sendSignedPatiently(JSON.stringify({ events: batch.events }), () => tally.throttled++));
        },
      ),
      fuzzParameters(FUZZ_RUNS),
    );
    expect(EVENT_TYPES.filter((t) => !tally.types.has(t))).toEqual([]);
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.duplicate).toBeGreaterThan(0);
  });

  it.each(partnerCredentials().map((p) => [p.id, p] as const))('%s: signed garbage bodies are refused with 4xx, never 5xx', async (_id, partner) => {
    const tally = tallyOf(partner.id);
    await fc.assert(
      fc.asyncProperty(garbageBodyArbitrary({ jsonObjectsAllowed: false }), async (garbage) => {
        const res = await PartnerClient.of(gateway.url, partner).sendSignedPatiently(garbage.body, () => tally.throttled++);
        countStatus(tally, res.status);
        tally.garbage++;
        expect({ kind: garbage.kind, status: res.status }).toEqual({ kind: garbage.kind, status: expect.any(Number) });
        if (res.status < 400 || res.status >= 500) throw new Error(`garbage ${garbage.kind} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
      }),
      fuzzParameters(Math.max(5, Math.ceil(FUZZ_RUNS / 2))),
    );
  });

  afterAll(() => {
    const rows = [...tallies.entries()].map(([p, t]) => [p, t.types.size, t.requests, t.events, t.accepted, t.duplicate, t.rejected, t.notGranted, t.garbage, Object.entries(t.byStatus).sort().map(([s, n]) => `${s}:${n}`).join(' '), t.server5xx] as const);
    console.log(`partner gateway fuzz (seed ${FUZZ_SEED})\n${table(['partner', 'types', 'requests', 'events', 'accepted', 'duplicate', 'rejected', 'not granted', 'garbage', 'by status', '5xx'], rows)}`);
    const sum = (k: keyof Tally) => [...tallies.values()].reduce((s, t) => s + (t[k] as number), 0);
    recordSection('gateway', {
      eventTypes: new Set([...tallies.values()].flatMap((t) => [...t.types].filter(isEventType))).size,
      requests: sum('requests'),
      events: sum('events'),
      accepted: sum('accepted'),
      duplicates: sum('duplicate'),
      rejected: sum('rejected'),
      notGranted: sum('notGranted'),
      garbage: sum('garbage'),
      throttled: sum('throttled'),
      server5xx: sum('server5xx'),
      perPartner: Object.fromEntries([...tallies.entries()].map(([p, t]) => [p, { ...t, types: [...t.types].sort() }])),
    });
  });
});
