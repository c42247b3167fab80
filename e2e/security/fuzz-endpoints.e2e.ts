/**
 * Property-based fuzzing of every public HTTP endpoint of the six services,
 * listed from each service's OpenAPI document (as the authorization matrix
 * does). Per endpoint:
 *  - valid: random inputs generated from the documented schemas (body, query,
 *    path), sent with a center admin's token (allowed everywhere but the
 *    signed partner ingress): 2xx, or a domain 404/409/422 with a problem
 *    body; never 5xx, never 400 unless the rule is listed below as a
 *    documented cross-field rule the JSON Schema cannot express;
 *  - concurrent: every write endpoint (create, rename, action) gets the same
 *    valid request three times at once: each answer as for a valid one, a
 *    lost race included (a 409 naming the field, #18.11), never a 5xx;
 *  - mutated: one field broken (missing, wrong type, out of range, too
 *    long, bad format, bad enum): 400 naming that field and its rule; a path
 *    id breaking its documented pattern: 404 (the services look ids up
 *    rather than validate their shape; an id that cannot exist is "not
 *    found") or a 400 naming it;
 *  - garbage: invalid JSON, other content types, deep nesting, over-long
 *    bodies, Chinese and emoji, prototype-pollution keys, random query
 *    strings: never 5xx, and 4xx wherever no schema could accept it.
 * Records created by valid runs (their ids) are reused as path ids of the
 * same collection, so actions run on the fuzz suite's own records and never
 * on anyone else's. Business dates are in FUZZ_BUSINESS_YEARS and always
 * sent (an omitted one defaults to today), KPI years in FUZZ_KPI_YEARS, so
 * nothing lands in a year another suite owns (PROTECTED_YEARS). Prints a
 * table per service and fails on any 5xx.
 */
import fc from 'fast-check';
import { devToken } from '../src/auth';
import { FUZZ_BUSINESS_YEARS, FUZZ_KPI_YEARS, FUZZ_REGRESSIONS, FUZZ_RUNS, FUZZ_SEED, fuzzParameters, PROTECTED_YEARS, seedsFor } from '../src/fuzz/config';
import { garbageBodyArbitrary, garbageQueryArbitrary, type Garbage } from '../src/fuzz/garbage';
import { jsonMutationsOf, jsonValidArbitrary, validate, type JsonMutation } from '../src/fuzz/json-schema-arbitrary';
import { dotted, setAt } from '../src/fuzz/primitives';
import { recordSection, table } from '../src/fuzz/report';
import { openApiEndpoints, type Endpoint, type JsonSchema, type OpenApiParameter } from '../src/openapi';
import { platformServices } from '../src/platform';

jest.setTimeout(600_000);

/**
 * 400s for schema-valid input that are documented rules the JSON Schema
 * cannot express (a refinement), by endpoint and the rule's message. Each
 * is reported in the results; anything else is a failure.
 */
const DOCUMENTED_RULES: readonly { readonly endpoint: RegExp; readonly message: RegExp; readonly why: string }[] = [
  { endpoint: /.*/, message: /must not be in the future/, why: 'business times are in the past (descriptions: "business time … defaults to now")' },
  { endpoint: /.*/, message: /must fall on \w+ \([0-9-]+\) in Asia\/Shanghai/, why: 'an exact instant must fall on the business date sent with it (descriptions: "须落在 … 当天")' },
  {
    endpoint: /.*/,
    message: /must not be before (startsOn|awardedOn)|deadline must not be before the (publication|posting) date|min must not exceed max|cannot exceed the sub-fund size/,
    why: 'ordering between two fields of the body (descriptions: "不早于 …" / "not before …")',
  },
  {
    endpoint: /^industry-network POST \/(consortia|consortium-proposals\/\{id\}\/confirm)$/,
    message: /duplicate member/,
    why: 'each member named once (description: "同名机构只列一次 / each name once")',
  },
  {
    endpoint: /^industry-network POST \/consortia$/,
    message: /the lead enterprise must be a Tianjin enterprise/,
    why: 'a rule on the referenced record (description of leadEnterpriseId: "a registered Tianjin enterprise"); a random id can name an enterprise of Hebei that an earlier run registered',
  },
  { endpoint: /^(fund|service)-network /, message: /must be greater than 0/, why: 'money amounts of the fund network and of funding applications are positive; the shared Money pattern also allows "0"' },
  {
    endpoint: /^service-network POST \/funding-applications\/\{id\}\/(grant|decline)$/,
    message: /must not be before appliedOn|must not exceed the requested amount/,
    why: 'rules on the referenced application (descriptions of decidedOn: "不早于申请日期 / not before the application’s appliedOn", and of grantedAmount)',
  },
  {
    endpoint: /^industry-network POST \/enterprises$/,
    message: /only for a key enterprise/,
    why: 'a listing date only for a key enterprise (description of keyListedOn: "仅当 isKeyEnterprise 为 true 时可填 / only with isKeyEnterprise: true")',
  },
  {
    endpoint: /^[a-z-]+ POST \/ops\/dead-letters\/(replay|discard)$/,
    message: /give either ids or filter \(not both\)/,
    why: 'a bulk call names its dead letters by ids or by a filter, one of the two (descriptions of ids and filter: "二选一 / either ids or filter, not both")',
  },
  // PUT /kpi/targets documents its event types as an enum; a correction may name any type, the center's own included.
  { endpoint: /^kpi POST \/kpi\/corrections$/, message: /must be an event type of the contracts catalogue/, why: 'the corrected event’s type must exist in the catalogue (a string in the schema)' },
];

/** Endpoints whose valid call starts heavy, platform-wide work: one valid call, and garbage only where it is refused before the handler. */
const HEAVY = new Set(['kpi POST /ops/kpi/rebuild', 'kpi POST /ops/kpi/rollups']);

interface Stats {
  endpoints: number;
  runs: number;
  byStatus: Record<string, number>;
  byPhase: Record<'valid' | 'concurrent' | 'mutated' | 'garbage', number>;
  server5xx: number;
  /** Requests answered 503 + Retry-After and sent again. */
  retriedOverloaded: number;
}
const stats = new Map<string, Stats>();
const statsOf = (service: string) =>
  stats.get(service) ?? stats.set(service, { endpoints: 0, runs: 0, byStatus: {}, byPhase: { valid: 0, concurrent: 0, mutated: 0, garbage: 0 }, server5xx: 0, retriedOverloaded: 0 }).get(service)!;

const failures: string[] = [];
/** Regression seeds replayed this run (seeds.json), by property. */
const replayedRegressions: string[] = [];
const crossFieldRules = new Map<string, { count: number; message: string; why: string }>();
/** Ids of records this run created, by collection (`projects`, `funding-applications`…). */
const created = new Map<string, string[]>();

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** The previous request to each service, named when a request fails at the network level (what the connection carried before). */
const previous = new Map<string, string>();

/**
 * One request. A transport error (reset, EPIPE, closed socket) is a failure
 * of the run, whatever was sent: every service answers every request it
 * refuses, oversized bodies and request heads included, in a way Node's fetch
 * can read (ADR 0010).
 */
async function call(ep: Endpoint, phase: keyof Stats['byPhase'], url: string, init: { body?: string | Buffer; contentType?: string | undefined; token?: string | undefined }): Promise<Answer> {
  const describe = `${ep.method} ${Buffer.byteLength(url)}-byte URL${init.body !== undefined ? `, ${Buffer.byteLength(init.body)}-byte ${init.contentType ?? 'untyped'} body` : ''}`;
  const before = previous.get(ep.service) ?? 'none';
  let res: Response;
  for (let attempt = 1; ; attempt++) {
    try {
      res = await fetch(url, {
        method: ep.method,
        headers: { ...(init.token && { authorization: `Bearer ${init.token}` }), ...(init.contentType && { 'content-type': init.contentType }) },
        // Uint8Array is a BodyInit; a Buffer is one, but not in the DOM lib's types.
        ...(init.body !== undefined && { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body) }),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      previous.set(ep.service, `${describe} → ${String(code)}`);
      throw new Error(`${(error as Error).message} (${String(code)}) on ${describe}; the request before it to ${ep.service}: ${before}`, { cause: error });
    }
    // 503 + Retry-After is the honest "at capacity, nothing saved" (a busy CI machine, three identical writes at once):
    // sent again as a client would, and counted; one that never gets through is still a 5xx below.
    if (res.status !== 503 || res.headers.get('retry-after') === null || attempt >= 5) break;
    await res.text();
    statsOf(ep.service).retriedOverloaded++;
    await new Promise((r) => setTimeout(r, 1000 * Math.min(5, Number(res.headers.get('retry-after')) || 1)));
  }
  previous.set(ep.service, `${describe} → ${res.status}`);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (CSV, XLSX, metrics): kept as text.
  }
  const s = statsOf(ep.service);
  s.runs++;
  s.byPhase[phase]++;
  s.byStatus[res.status] = (s.byStatus[res.status] ?? 0) + 1;
  if (res.status >= 500) {
    s.server5xx++;
    failures.push(`${ep.service} ${ep.method} ${url.replace(ep.baseUrl, '')} (${phase}) answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return { status: res.status, body, text };
}

const isProblem = (body: unknown): boolean => typeof body === 'object' && body !== null && typeof (body as { statusCode?: unknown }).statusCode === 'number' && typeof (body as { message?: unknown }).message !== 'undefined';

const params = (ep: Endpoint, where: OpenApiParameter['in']) => (ep.operation.parameters ?? []).filter((p) => p.in === where);
const bodySchema = (ep: Endpoint): JsonSchema | undefined => ep.operation.requestBody?.content['application/json']?.schema;

/** The parameters of one kind as one object schema, so one generator and one validator serve path, query and body alike. */
function paramsSchema(list: readonly OpenApiParameter[]): JsonSchema {
  return { type: 'object', properties: Object.fromEntries(list.map((p) => [p.name, p.schema ?? { type: 'string' }])), required: list.filter((p) => p.required).map((p) => p.name) };
}

/** The collection a path parameter names records of: the segment before it (`/projects/{id}` → projects). */
function collectionOf(path: string, param: string): string | undefined {
  const segments = path.split('/');
  const i = segments.indexOf(`{${param}}`);
  return i > 0 ? segments[i - 1] : undefined;
}

function pathArbitrary(ep: Endpoint): fc.Arbitrary<Record<string, unknown>> {
  const list = params(ep, 'path');
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of list) {
    const schema = p.schema ?? { type: 'string' };
    const generated = jsonValidArbitrary(schema, { years: FUZZ_BUSINESS_YEARS, overrides: yearOverride(ep) }, p.name);
    const collection = collectionOf(ep.path, p.name);
    // Read the registry when a value is drawn (records appear as the run goes).
    model[p.name] = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 }), generated).map(([i, coin, g]) => {
      const ids = collection ? (created.get(collection) ?? []) : [];
      return ids.length > 0 && coin < 7 ? ids[i % ids.length] : g;
    });
  }
  return fc.record(model);
}

/** Writes touch only the fuzz suite's own KPI years (closing a year, setting a KPI target are not undone). */
function yearOverride(ep: Endpoint): Record<string, fc.Arbitrary<unknown>> {
  return ep.method === 'GET' ? {} : { year: fc.integer(FUZZ_KPI_YEARS) };
}

const hasFormat = (s: JsonSchema, format: string): boolean => s.format === format || (s.anyOf ?? s.oneOf ?? []).some((o) => hasFormat(o, format));

/**
 * `schema` with every optional business date required: an omitted one
 * defaults to today in the services, which would date the record (and its
 * events) in the current year, a year other suites own. An optional exact
 * instant beside a date (heldOn + heldAt) stays optional: the date already
 * dates the fact, and the instant must fall on it, so always sending both
 * would almost never pass. Used to generate valid bodies only; validation and
 * mutations use the documented schema.
 */
function withBusinessTimes(schema: JsonSchema): JsonSchema {
  const properties = schema.properties && Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, withBusinessTimes(v)]));
  const entries = Object.entries(schema.properties ?? {});
  const hasDate = entries.some(([, v]) => hasFormat(v, 'date'));
  const times = entries.filter(([, v]) => hasFormat(v, 'date') || (!hasDate && hasFormat(v, 'date-time'))).map(([k]) => k);
  return {
    ...schema,
    ...(properties && { properties, required: [...new Set([...(schema.required ?? []), ...times])] }),
    ...(schema.items && { items: withBusinessTimes(schema.items) }),
    ...(schema.anyOf && { anyOf: schema.anyOf.map(withBusinessTimes) }),
    ...(schema.oneOf && { oneOf: schema.oneOf.map(withBusinessTimes) }),
    ...(schema.allOf && { allOf: schema.allOf.map(withBusinessTimes) }),
  };
}

const PROTECTED_DATE = new RegExp(`\\b(${PROTECTED_YEARS.join('|')})-\\d{2}-\\d{2}`);

/** Fails the run before a write could date anything in a year another suite owns (a generator change would do it silently). */
function assertOwnYears(key: string, path: Record<string, unknown>, body: unknown): void {
  const sent = JSON.stringify({ path, body });
  const year = (body as { year?: unknown } | undefined)?.year ?? path['year'];
  if (PROTECTED_DATE.test(sent) || (typeof year === 'number' && PROTECTED_YEARS.includes(year))) throw new Error(`${key}: a write would touch a protected year (${PROTECTED_YEARS.join(', ')}): ${sent.slice(0, 300)}`);
}

/** A 400 names each broken field and the rule it broke (docs/service-guide.md, "HTTP semantics"). */
function fieldErrors(answer: Answer): { path: string; rule: string }[] {
  const errors = (answer.body as { errors?: unknown } | undefined)?.errors;
  expect(Array.isArray(errors) && errors.length > 0).toBe(true);
  for (const e of errors as unknown[]) expect(e).toEqual(expect.objectContaining({ path: expect.any(String), rule: expect.any(String), message: expect.any(String) }));
  return errors as { path: string; rule: string }[];
}

function urlOf(ep: Endpoint, path: Record<string, unknown>, query: string): string {
  const filled = ep.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(path[name])));
  return `${ep.baseUrl}${filled}${query ? `?${query}` : ''}`;
}

function queryString(values: Record<string, unknown>): string {
  return new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)])).toString();
}

function register(ep: Endpoint, answer: Answer): void {
  const id = (answer.body as { id?: unknown } | undefined)?.id;
  if (ep.method !== 'POST' || answer.status >= 300 || typeof id !== 'string') return;
  const collection = ep.path.split('/').filter((s) => s && !s.startsWith('{')).pop();
  if (collection) created.set(collection, [...(created.get(collection) ?? []), id]);
}

/** What a schema-valid request may be answered: 2xx, a documented cross-field 400, or a domain 404/409/422 with a problem body. */
function expectValidAnswer(key: string, answer: Answer, sent: unknown): void {
  if (answer.status === 400) {
    fieldErrors(answer);
    const message = String((answer.body as { message?: unknown }).message);
    const rule = DOCUMENTED_RULES.find((d) => d.endpoint.test(key) && d.message.test(message));
    if (!rule) throw new Error(`400 for schema-valid input: ${answer.text.slice(0, 400)}\nsent: ${JSON.stringify(sent).slice(0, 400)}`);
    const seen = crossFieldRules.get(`${key}: ${rule.message.source}`) ?? { count: 0, message, why: rule.why };
    crossFieldRules.set(`${key}: ${rule.message.source}`, { ...seen, count: seen.count + 1 });
    return;
  }
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400) {
    expect([404, 409, 422]).toContain(answer.status);
    expect(isProblem(answer.body)).toBe(true);
  }
}

async function fuzzEndpoint(ep: Endpoint, token: string): Promise<void> {
  const key = `${ep.service} ${ep.method} ${ep.path}`;
  const label = `${key}`;
  const isPartnerIngress = ep.path.startsWith('/partner/');
  const body = bodySchema(ep);
  const bodyToSend = body && (ep.method === 'GET' ? body : withBusinessTimes(body));
  const query = paramsSchema(params(ep, 'query'));
  const heavy = HEAVY.has(key);
  const hasInputs = body !== undefined || params(ep, 'query').length > 0 || params(ep, 'path').length > 0;
  const validRuns = heavy ? 1 : hasInputs ? FUZZ_RUNS : 3;
  const sideRuns = Math.max(3, Math.ceil(FUZZ_RUNS / 2));
  statsOf(ep.service).endpoints++;
  // The run's seed, then every seed this property once failed with (seeds.json).
  const assertProperty = async (phase: string, property: fc.IAsyncProperty<[unknown]> | fc.IAsyncPropertyWithHooks<[unknown]>, runs: number) => {
    for (const seed of seedsFor('endpoints', `${key} ${phase}`)) await assertPropertyWith(phase, property, runs, seed);
  };
  const assertPropertyWith = async (phase: string, property: fc.IAsyncProperty<[unknown]> | fc.IAsyncPropertyWithHooks<[unknown]>, runs: number, seed: number) => {
    if (seed !== FUZZ_SEED) replayedRegressions.push(`${key} ${phase}`);
    try {
      await fc.assert(property, fuzzParameters(runs, seed));
    } catch (error) {
      const message = (error as Error).message;
      const counterexample = message.split('\n').find((l) => l.startsWith('Counterexample')) ?? '';
      const cause = (error as { cause?: unknown }).cause;
      // Without a cause, the reason is in fast-check's message after the (possibly huge) counterexample: keep each line short.
      // Errors of Node's own realm (fetch's TypeError) are not `instanceof Error` inside Jest's VM context: test the shape.
      const causeMessage = typeof cause === 'object' && cause !== null && typeof (cause as { message?: unknown }).message === 'string' ? (cause as { message: string }).message : undefined;
      const causeDetail = typeof cause === 'object' && cause !== null ? (cause as { cause?: { code?: unknown; message?: unknown } }).cause : undefined;
      const reason =
        causeMessage !== undefined
          ? `${causeMessage.split('\n').slice(0, 8).join(' | ')}${causeDetail ? ` (${String(causeDetail.code ?? causeDetail.message)})` : ''}`
          : message.split('\n').map((l) => l.slice(0, 200)).filter((l) => l && !l.startsWith('Counterexample')).slice(0, 12).join(' | ');
      failures.push(`${label} (${phase}, seed ${seed}): ${reason}\n  ${counterexample.slice(0, 500)}`);
    }
  };

  if (!isPartnerIngress) {
    // Valid inputs.
    const request = fc.record({
      path: pathArbitrary(ep),
      query: jsonValidArbitrary(query, { years: FUZZ_BUSINESS_YEARS }),
      body: bodyToSend ? jsonValidArbitrary(bodyToSend, { years: FUZZ_BUSINESS_YEARS, overrides: yearOverride(ep) }) : fc.constant(undefined),
    });
    await assertProperty(
      'valid',
      fc.asyncProperty(request, async (r) => {
        // The generator's own output must be valid, or the service would be blamed for it.
        expect(validate(query, r.query)).toEqual([]);
        if (body) expect(validate(body, r.body)).toEqual([]);
        if (ep.method !== 'GET') assertOwnYears(key, r.path, r.body);
        const answer = await call(ep, 'valid', urlOf(ep, r.path, queryString(r.query as Record<string, unknown>)), {
          token,
          ...(r.body !== undefined && { body: JSON.stringify(r.body), contentType: 'application/json' }),
        });
        register(ep, answer);
        expectValidAnswer(key, answer, r);
      }),
      validRuns,
    );

    // The same valid request three times at once: the race a check-then-insert loses (#18.11).
    if (ep.method !== 'GET' && !heavy) {
      await assertProperty(
        'concurrent',
        fc.asyncProperty(request, async (r) => {
          assertOwnYears(key, r.path, r.body);
          const url = urlOf(ep, r.path, queryString(r.query as Record<string, unknown>));
          const init = { token, ...(r.body !== undefined && { body: JSON.stringify(r.body), contentType: 'application/json' }) };
          const answers = await Promise.all([1, 2, 3].map(() => call(ep, 'concurrent', url, init)));
          for (const answer of answers) {
            register(ep, answer);
            expectValidAnswer(key, answer, r);
            // A conflict on a unique value names the field it is about, as a 400 names a broken one.
            const errors = (answer.body as { errors?: { rule?: unknown }[] } | undefined)?.errors;
            if (answer.status === 409 && Array.isArray(errors) && errors.some((e) => e.rule === 'unique')) fieldErrors(answer);
          }
        }),
        Math.max(2, Math.ceil(FUZZ_RUNS / 4)),
      );
    }

    // Mutated inputs: one field of the body, a query parameter or a typed path parameter.
    const targets: { where: 'body' | 'query' | 'path'; schema: JsonSchema; idShape?: true }[] = [];
    if (body) targets.push({ where: 'body', schema: body });
    if (params(ep, 'query').length) targets.push({ where: 'query', schema: query });
    // Typed path parameters (a year): 400 naming them. Text ids with a documented pattern: see `idShape` below.
    const typedPath = paramsSchema(params(ep, 'path').filter((p) => p.schema && p.schema.type !== 'string'));
    if (Object.keys(typedPath.properties ?? {}).length) targets.push({ where: 'path', schema: typedPath });
    const patternedIds = paramsSchema(params(ep, 'path').filter((p) => p.schema?.type === 'string' && (p.schema.pattern !== undefined || p.schema.format !== undefined)));
    if (Object.keys(patternedIds.properties ?? {}).length) targets.push({ where: 'path', schema: patternedIds, idShape: true });
    if (targets.length && !heavy) {
      const mutated = fc
        .record({ target: fc.constantFrom(...targets), path: pathArbitrary(ep), query: jsonValidArbitrary(query, { years: FUZZ_BUSINESS_YEARS }), body: bodyToSend ? jsonValidArbitrary(bodyToSend, { years: FUZZ_BUSINESS_YEARS, overrides: yearOverride(ep) }) : fc.constant(undefined) })
        .chain((r) => {
          const value = r.target.where === 'body' ? r.body : r.target.where === 'query' ? r.query : r.path;
          // In a URL every value is text: a "wrong type" of string or a missing optional parameter is not a mutation there.
          const mutations = jsonMutationsOf(r.target.schema, value).filter(
            (m) =>
              r.target.where === 'body' ||
              // An empty path segment changes the route (404), it does not reach validation.
              (r.target.where === 'path' ? m.replacement !== '' : true) && ((m.kind !== 'wrong_type' && m.kind !== 'missing') || (m.kind === 'wrong_type' && typeof m.replacement === 'string')),
          );
          return mutations.length ? fc.constantFrom(...mutations).map((m: JsonMutation) => ({ ...r, mutation: m, value: setAt(value, m.path, m.replacement) })) : fc.constant(undefined);
        });
      await assertProperty(
        'mutated',
        fc.asyncProperty(mutated, async (m) => {
          if (m === undefined) return; // this draw's target had nothing to break
          expect(validate(m.target.schema, m.value).length).toBeGreaterThan(0);
          const pathValues = m.target.where === 'path' ? (m.value as Record<string, unknown>) : m.path;
          const queryValues = m.target.where === 'query' ? (m.value as Record<string, unknown>) : (m.query as Record<string, unknown>);
          const sentBody = m.target.where === 'body' ? m.value : m.body;
          const answer = await call(ep, 'mutated', urlOf(ep, pathValues, queryString(queryValues)), {
            token,
            ...(sentBody !== undefined && { body: JSON.stringify(sentBody), contentType: 'application/json' }),
          });
          const field = dotted(m.mutation.path);
          if (m.target.idShape && answer.status === 404) {
            // An id that cannot exist is not found: the services look ids up rather than check their documented shape.
            expect(isProblem(answer.body)).toBe(true);
            return;
          }
          // Fastify refuses a path parameter over its maxParamLength (100) with 414 before routing; an over-long id is refused either way (see the report).
          if (m.target.idShape && m.mutation.kind === 'too_big' && answer.status === 414) return;
          expect({ field, status: answer.status }).toEqual({ field, status: 400 });
          const named = fieldErrors(answer).map((e) => e.path);
          expect({ field, named: named.includes(field) }).toEqual({ field, named: true });
        }),
        sideRuns,
      );
    }
  }

  // Garbage.
  const write = !['GET', 'HEAD'].includes(ep.method);
  if (write) {
    const garbage = garbageBodyArbitrary({ contentTypes: true, jsonObjectsAllowed: true }).filter((g) => !heavy || g.mustRefuse);
    await assertProperty(
      'garbage',
      fc.asyncProperty(fc.tuple(garbage, pathArbitrary(ep)), async ([g, path]: [Garbage, Record<string, unknown>]) => {
        const answer = await call(ep, 'garbage', urlOf(ep, path, ''), { token, body: g.body, contentType: g.contentType });
        expect(answer.status).toBeLessThan(500);
        // The partner ingress is refused unsigned (401) before it reads anything; a media type no parser
        // takes is refused by Fastify (415) before routing, also unread and telling nothing about partners.
        if (isPartnerIngress) expect({ kind: g.kind, status: answer.status }).toEqual({ kind: g.kind, status: answer.status === 415 && g.contentType !== 'application/json' ? 415 : 401 });
        else if (g.mustRefuse && (ep.operation.requestBody?.required || g.kind === 'huge-string')) expect({ kind: g.kind, status: answer.status >= 400 && answer.status < 500 }).toEqual({ kind: g.kind, status: true });
      }),
      sideRuns,
    );
  } else {
    await assertProperty(
      'garbage',
      fc.asyncProperty(fc.tuple(garbageQueryArbitrary(params(ep, 'query').map((p) => p.name)), pathArbitrary(ep)), async ([q, path]) => {
        const answer = await call(ep, 'garbage', urlOf(ep, path, q.query), { token });
        expect(answer.status).toBeLessThan(500);
      }),
      hasInputs ? sideRuns : 3,
    );
  }
}

describe('HTTP endpoint fuzz (every endpoint of the six services)', () => {
  let endpoints: Endpoint[] = [];
  let token = '';

  beforeAll(async () => {
    console.log(`fuzz-endpoints: FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS}; regression seeds: ${FUZZ_REGRESSIONS.map((r) => `${r.seed} on ${r.property}`).join('; ') || 'none'}`);
    token = await devToken({ sub: 'fuzz-center-admin', name: '模糊测试管理员', roles: ['center-admin'] }, 3600);
    for (const s of platformServices()) endpoints.push(...(await openApiEndpoints(s)));
    // Creators first (their records become the path ids of the actions), then the other writes, then reads.
    const rank = (e: Endpoint) => (e.method === 'POST' && !e.path.includes('{') ? 0 : e.method === 'POST' ? 1 : e.method === 'GET' ? 3 : 2);
    endpoints = endpoints.sort((a, b) => rank(a) - rank(b));
  });

  it('lists every endpoint of every service', () => {
    expect(new Set(endpoints.map((e) => e.service)).size).toBe(platformServices().length);
    expect(endpoints.length).toBeGreaterThan(100);
  });

  it('answers random valid, mutated and garbage input without a 5xx', async () => {
    for (const ep of endpoints) await fuzzEndpoint(ep, token);

    // Prototype pollution would show as the polluted key on every object the process serialises afterwards.
    for (const s of platformServices()) {
      const res = await fetch(`${s.url}/health/ready`);
      expect(await res.text()).not.toContain('fuzzPolluted');
    }

    const rows = [...stats.entries()].map(([service, s]) => {
      const fourxx = Object.entries(s.byStatus).filter(([k]) => k.startsWith('4')).sort().map(([k, n]) => `${k}:${n}`).join(' ');
      const twoxx = Object.entries(s.byStatus).filter(([k]) => k.startsWith('2')).reduce((sum, [, n]) => sum + n, 0);
      return [service, s.endpoints, s.runs, s.byPhase.valid, s.byPhase.concurrent, s.byPhase.mutated, s.byPhase.garbage, twoxx, fourxx, s.server5xx, s.retriedOverloaded] as const;
    });
    console.log(`HTTP endpoint fuzz (seed ${FUZZ_SEED})\n${table(['service', 'endpoints', 'runs', 'valid', 'concurrent', 'mutated', 'garbage', '2xx', '4xx by status', '5xx', '503 retried'], rows)}`);
    if (crossFieldRules.size) console.log(`400 for schema-valid input, documented rules:\n${[...crossFieldRules.entries()].map(([k, v]) => `  ${k} ×${v.count}: ${v.message} (${v.why})`).join('\n')}`);
    console.log(`regression seeds replayed (${replayedRegressions.length}): ${replayedRegressions.join('; ') || 'none'}`);
    if (failures.length) console.log(`failures:\n${failures.join('\n\n')}`);
    recordSection('endpoints', {
      services: stats.size,
      endpoints: rows.reduce((s, r) => s + r[1], 0),
      runs: rows.reduce((s, r) => s + r[2], 0),
      server5xx: rows.reduce((s, r) => s + r[9], 0),
      perService: Object.fromEntries(stats),
      createdRecords: Object.fromEntries([...created.entries()].map(([k, v]) => [k, v.length])),
      documentedCrossFieldRules: Object.fromEntries(crossFieldRules),
      replayedRegressions,
      failures,
    });
    expect(failures).toEqual([]);
    // A regression naming a property that no longer exists (an endpoint renamed) would silently stop guarding anything.
    const stale = FUZZ_REGRESSIONS.filter((r) => r.suite === 'endpoints' && r.seed !== FUZZ_SEED && !replayedRegressions.includes(r.property));
    expect(stale).toEqual([]);
  });
});
