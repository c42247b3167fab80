/**
 * The authorization matrix: every HTTP endpoint of every service (read from
 * its OpenAPI document) × every kind of caller, with the expected allow or
 * deny in one table. Real: the running services as separate processes and
 * really signed tokens. "Allowed" means the guard let the request through
 * (any answer but 401/403: the dummy ids and empty bodies then give 400/404);
 * "denied" means 401 without a token and 403 with one.
 */
import type { Principal } from '@tjc/auth';
import { devToken } from '../src/auth';
import { openApiEndpoints } from '../src/openapi';
import { platformServices } from '../src/platform';

jest.setTimeout(300_000);

type Caller = 'anonymous' | 'reader' | 'ops' | 'center-admin' | 'coord-research' | 'coord-industry' | 'coord-service' | 'coord-fund';
const CALLERS: readonly Caller[] = ['anonymous', 'reader', 'ops', 'center-admin', 'coord-research', 'coord-industry', 'coord-service', 'coord-fund'];
const NETWORK_OF: Record<string, string | undefined> = { 'research-network': 'research', 'industry-network': 'industry', 'service-network': 'service', 'fund-network': 'fund' };

/** THE table: which callers may pass the guard, by class of endpoint. */
const RULES = {
  // Health, metrics: open to everyone.
  public: (_c: Caller, _network?: string) => true,
  // Ops endpoints (dead letters, rebuild, rollups, pace checks).
  ops: (c: Caller) => c === 'ops' || c === 'center-admin',
  // The audit log (every write, denial and ops action): center admins only.
  admin: (c: Caller) => c === 'center-admin',
  // Reading business records: any signed-in person.
  read: (c: Caller) => c !== 'anonymous',
  // Changing a network's records: that network's coordinators and center admins.
  'network-write': (c: Caller, network?: string) => c === 'center-admin' || c === `coord-${network}`,
  // Changing center records (KPI targets, corrections, closing a year): center admins.
  'center-write': (c: Caller) => c === 'center-admin',
  // Reading the partner quarantine: coordinators, center admins, ops (not readers).
  'quarantine-read': (c: Caller) => c === 'ops' || c === 'center-admin' || c.startsWith('coord-'),
  // Resolving quarantined partner input: center admins and ops.
  'quarantine-write': (c: Caller) => c === 'ops' || c === 'center-admin',
  // Partner ingress: signed requests only; no person's token opens it.
  partner: (_c: Caller) => false,
} satisfies Record<string, (c: Caller, network?: string) => boolean>;
type RuleClass = keyof typeof RULES;

function classify(service: string, method: string, path: string): RuleClass {
  const write = !['GET', 'HEAD'].includes(method);
  if (path.startsWith('/health') || path === '/metrics') return 'public';
  if (path.startsWith('/ops/')) return 'ops';
  if (path.startsWith('/admin/')) return 'admin';
  if (service === 'partner-gateway') {
    if (path.startsWith('/partner/')) return 'partner';
    if (path.startsWith('/quarantine')) return write ? 'quarantine-write' : 'quarantine-read';
  }
  if (!write) return 'read';
  return NETWORK_OF[service] ? 'network-write' : 'center-write';
}

async function token(caller: Caller): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  const principal: Principal = caller.startsWith('coord-')
    ? { sub: `matrix-${caller}`, name: '矩阵测试', roles: ['coordinator'], network: caller.slice(6) as Principal['network'] & string }
    : { sub: `matrix-${caller}`, name: '矩阵测试', roles: [caller as 'reader' | 'ops' | 'center-admin'] };
  return devToken(principal, 600);
}

interface Cell {
  readonly service: string;
  readonly method: string;
  readonly path: string;
  readonly caller: Caller;
  readonly rule: RuleClass;
  readonly allowed: boolean;
}

describe('authorization matrix (every endpoint × every caller)', () => {
  let cells: Cell[] = [];
  const tokens = new Map<Caller, string | undefined>();

  beforeAll(async () => {
    expect(process.env['AUTH_DEV_SECRET']).toBeDefined();
    for (const caller of CALLERS) tokens.set(caller, await token(caller));
    const services = platformServices();
    for (const s of services) {
      for (const { method, path } of await openApiEndpoints(s)) {
        const rule = classify(s.name, method, path);
        for (const caller of CALLERS) cells.push({ service: s.name, method, path, caller, rule, allowed: RULES[rule](caller, NETWORK_OF[s.name]) });
      }
    }
    cells = cells.sort((a, b) => `${a.service}${a.path}${a.method}`.localeCompare(`${b.service}${b.path}${b.method}`));
  });

  it('covers every service with a meaningful number of cells', () => {
    const endpoints = new Set(cells.map((c) => `${c.service} ${c.method} ${c.path}`)).size;
    console.log(`authorization matrix: ${endpoints} endpoints × ${CALLERS.length} callers = ${cells.length} cells (${cells.filter((c) => c.allowed).length} allow, ${cells.filter((c) => !c.allowed).length} deny)`);
    expect(new Set(cells.map((c) => c.service)).size).toBe(platformServices().length);
    expect(endpoints).toBeGreaterThan(100);
  });

  it('answers every cell as the table says', async () => {
    const wrong: string[] = [];
    const services = new Map(platformServices().map((s) => [s.name, s.url]));
    for (const cell of cells) {
      const url = services.get(cell.service)! + cell.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const auth = tokens.get(cell.caller);
      const write = !['GET', 'HEAD'].includes(cell.method);
      const res = await fetch(url, {
        method: cell.method,
        headers: { ...(auth && { authorization: `Bearer ${auth}` }), ...(write && { 'content-type': 'application/json' }) },
        // An empty body: an allowed write stops at validation (400) or a missing record (404) and changes nothing.
        ...(write && { body: '{}' }),
      });
      await res.arrayBuffer();
      const passed = res.status !== 401 && res.status !== 403;
      const expectedDenial = cell.caller === 'anonymous' || cell.rule === 'partner' ? 401 : 403;
      if (cell.allowed ? !passed : res.status !== expectedDenial) {
        wrong.push(`${cell.service} ${cell.method} ${cell.path} as ${cell.caller}: expected ${cell.allowed ? 'allow' : `deny (${expectedDenial})`}, got ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
