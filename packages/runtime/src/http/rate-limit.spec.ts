/** The route class of a request (#18.6). Pure function; nothing faked. */
import { httpRateLimitConfigFrom, RateLimitEnv } from '@tjc/rate-limit';
import { routeClassOf } from './rate-limit';

const config = httpRateLimitConfigFrom(RateLimitEnv.parse({}));
const req = (method: string, url?: string) => ({ method, routeOptions: { url } });

describe('routeClassOf', () => {
  it('exempts the probes and /metrics, signed in or not', () => {
    expect(routeClassOf(req('GET', '/health/ready'), false, config)).toBe('exempt');
    expect(routeClassOf(req('GET', '/metrics'), true, config)).toBe('exempt');
  });
  it('counts everything without a verified principal as anonymous, unmatched routes included', () => {
    expect(routeClassOf(req('POST', '/projects'), false, config)).toBe('anonymous');
    expect(routeClassOf(req('GET', '/kpi/:year/report.xlsx'), false, config)).toBe('anonymous');
    expect(routeClassOf(req('GET'), false, config)).toBe('anonymous');
  });
  it('names exports by route, then reads and writes by method', () => {
    expect(routeClassOf(req('GET', '/kpi/:year/report.xlsx'), true, config)).toBe('export');
    expect(routeClassOf(req('GET', '/admin/audit/verify'), true, config)).toBe('export');
    expect(routeClassOf(req('GET', '/projects'), true, config)).toBe('read');
    expect(routeClassOf(req('HEAD', '/projects'), true, config)).toBe('read');
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) expect(routeClassOf(req(m, '/projects'), true, config)).toBe('write');
  });
});
