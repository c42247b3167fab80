/** The rate-limit variables as a service parses them at boot. Real: zod. */
import { httpRateLimitConfigFrom, RateLimitEnv } from './rate-limit-env';

describe('RateLimitEnv', () => {
  it('is on by default with a limit for every class and scope', () => {
    const c = httpRateLimitConfigFrom(RateLimitEnv.parse({}));
    expect(c).toMatchObject({ enabled: true, failMode: 'local', keyPrefix: 'tjc:rate-limit', trustedProxies: [] });
    expect(c.limits).toEqual({
      'read:principal': { points: 600, durationS: 60 },
      'read:ip': { points: 3000, durationS: 60 },
      'write:principal': { points: 120, durationS: 60 },
      'write:ip': { points: 600, durationS: 60 },
      'export:principal': { points: 10, durationS: 60 },
      'export:ip': { points: 30, durationS: 60 },
      'anonymous:principal': { points: 0, durationS: 60 },
      'anonymous:ip': { points: 300, durationS: 60 },
    });
    expect(c.exportRoutes).toContain('/kpi/:year/report.xlsx');
    expect(c.exemptRoutes).toEqual(['/health/live', '/health/ready', '/metrics']);
  });
  it('reads every limit, the window and the trusted proxies', () => {
    const c = httpRateLimitConfigFrom(RateLimitEnv.parse({ RATE_LIMIT_MODE: 'off', RATE_LIMIT_WINDOW_S: '10', RATE_LIMIT_WRITE_PER_PRINCIPAL: '0', HTTP_TRUSTED_PROXIES: '127.0.0.1, ::1', RATE_LIMIT_EXPORT_ROUTES: '/a/:id/export' }));
    expect(c).toMatchObject({ enabled: false, trustedProxies: ['127.0.0.1', '::1'], exportRoutes: ['/a/:id/export'] });
    expect(c.limits['write:principal']).toEqual({ points: 0, durationS: 10 });
  });
  it('refuses a trusted proxy that is not an address, and a route that is not a path', () => {
    const r = RateLimitEnv.safeParse({ HTTP_TRUSTED_PROXIES: 'console.internal', RATE_LIMIT_EXEMPT_ROUTES: 'health' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toEqual(['RATE_LIMIT_EXEMPT_ROUTES', 'HTTP_TRUSTED_PROXIES']);
  });
});
