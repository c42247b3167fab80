import { z } from 'zod';
import type { FailMode, LimitSpec } from './rate-limits';

/**
 * Route classes of the people-facing APIs. `anonymous`: requests without a
 * valid bearer token (counted per IP only: there is no principal), e.g. the
 * flood of 401s of issue #18.3, public routes, the partner ingress (signed,
 * not a person's token; the gateway adds its per-partner limits).
 */
export const ROUTE_CLASSES = ['read', 'write', 'export', 'anonymous'] as const;
export type RouteClass = (typeof ROUTE_CLASSES)[number];
export type Scope = 'principal' | 'ip';

const perWindow = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const routeList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().startsWith('/', 'each route is a path pattern such as /kpi/:year/report.csv')));

/**
 * Variables of the rate limits every service applies to its HTTP API
 * (merged into the runtime's CommonEnv, so every service reads them). Limits
 * are points per window of RATE_LIMIT_WINDOW_S seconds; 0 turns one off.
 */
export const RateLimitEnv = z.object({
  /** `off` skips the limiter entirely (no Redis calls). */
  RATE_LIMIT_MODE: z.enum(['on', 'off']).default('on'),
  RATE_LIMIT_FAIL_MODE: z.enum(['local', 'open', 'closed']).default('local'),
  /** Redis keys: <prefix>:<service>:<class>:<scope>:<key>. The test instance and tests use their own. */
  RATE_LIMIT_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, "_", ".", ":" or "-", at most 64')
    .default('tjc:rate-limit'),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).max(3600).default(60),
  RATE_LIMIT_READ_PER_PRINCIPAL: perWindow(600),
  RATE_LIMIT_READ_PER_IP: perWindow(3000),
  RATE_LIMIT_WRITE_PER_PRINCIPAL: perWindow(120),
  RATE_LIMIT_WRITE_PER_IP: perWindow(600),
  RATE_LIMIT_EXPORT_PER_PRINCIPAL: perWindow(10),
  RATE_LIMIT_EXPORT_PER_IP: perWindow(30),
  RATE_LIMIT_ANONYMOUS_PER_IP: perWindow(300),
  /** Routes (Fastify path patterns) of the `export` class: heavy reads. */
  RATE_LIMIT_EXPORT_ROUTES: routeList('/kpi/:year/report.json,/kpi/:year/report.csv,/kpi/:year/report.xlsx,/admin/audit/verify'),
  /** Routes never limited: the probes of an orchestrator and the metrics scraper. */
  RATE_LIMIT_EXEMPT_ROUTES: routeList('/health/live,/health/ready,/metrics'),
  /**
   * Addresses of reverse proxies whose X-Forwarded-For is believed (the
   * console server, an ingress), comma-separated. Unset: the peer address
   * is the client, and every user behind one proxy shares its IP limits.
   */
  HTTP_TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()], 'each trusted proxy is an IP address'))),
});
export type RateLimitEnv = z.output<typeof RateLimitEnv>;

export interface HttpRateLimitConfig {
  readonly enabled: boolean;
  readonly failMode: FailMode;
  readonly keyPrefix: string;
  /** `<class>:<scope>` → limit; a scope a class does not have is absent. */
  readonly limits: Readonly<Record<`${RouteClass}:${Scope}`, LimitSpec>>;
  readonly exportRoutes: readonly string[];
  readonly exemptRoutes: readonly string[];
  readonly trustedProxies: readonly string[];
}

export function httpRateLimitConfigFrom(env: RateLimitEnv): HttpRateLimitConfig {
  const durationS = env.RATE_LIMIT_WINDOW_S;
  const spec = (points: number): LimitSpec => ({ points, durationS });
  return {
    enabled: env.RATE_LIMIT_MODE === 'on',
    failMode: env.RATE_LIMIT_FAIL_MODE,
    keyPrefix: env.RATE_LIMIT_KEY_PREFIX,
    limits: {
      'read:principal': spec(env.RATE_LIMIT_READ_PER_PRINCIPAL),
      'read:ip': spec(env.RATE_LIMIT_READ_PER_IP),
      'write:principal': spec(env.RATE_LIMIT_WRITE_PER_PRINCIPAL),
      'write:ip': spec(env.RATE_LIMIT_WRITE_PER_IP),
      'export:principal': spec(env.RATE_LIMIT_EXPORT_PER_PRINCIPAL),
      'export:ip': spec(env.RATE_LIMIT_EXPORT_PER_IP),
      // No principal without a valid token: the per-principal limit of this class never applies.
      'anonymous:principal': spec(0),
      'anonymous:ip': spec(env.RATE_LIMIT_ANONYMOUS_PER_IP),
    },
    exportRoutes: env.RATE_LIMIT_EXPORT_ROUTES,
    exemptRoutes: env.RATE_LIMIT_EXEMPT_ROUTES,
    trustedProxies: env.HTTP_TRUSTED_PROXIES,
  };
}
