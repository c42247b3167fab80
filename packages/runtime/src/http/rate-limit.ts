/**
 * The rate limits of every service's HTTP API (issue #18.6), one Fastify
 * onRequest hook installed by startService:
 *
 *   request ─► exempt route (probes, /metrics)? ─► pass
 *      │
 *      ▼ bearer token verified (the verifier's cache makes this a lookup; the guard verifies it again, from the cache)
 *   class: export route ─► export │ no valid token ─► anonymous │ GET/HEAD ─► read │ else ─► write
 *      │
 *      ▼ one all-or-nothing charge in Redis: <class>:ip (client address) + <class>:principal (sub@network)
 *   allowed ─► on to the guard and the handler │ limited ─► 429 + Retry-After │ Redis down + closed ─► 503
 *
 * Why a hook and not a Nest guard: it runs before the guard, so a flood of
 * anonymous requests is refused here at the cost of one Redis call instead
 * of one audited 401 each (issue #18.3), and no guard order has to be kept.
 * A principal is counted only from a verified token: an unverified `sub`
 * would let anyone spend another person's allowance.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { actorOf, type TokenVerifier } from '@tjc/auth';
import { clientIp, createRateLimitRedis, ipKey, RateLimits, throttled, type HttpRateLimitConfig, type RouteClass, type Scope } from '@tjc/rate-limit';
import { redisReadiness, type ReadinessCheck } from '../health/readiness';

export interface RateLimitedRequest {
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly routeOptions: { readonly url?: string | undefined };
  readonly socket: { readonly remoteAddress?: string | undefined };
}

/** The class of a request, or `exempt`. */
export function routeClassOf(request: Pick<RateLimitedRequest, 'method' | 'routeOptions'>, authenticated: boolean, config: Pick<HttpRateLimitConfig, 'exportRoutes' | 'exemptRoutes'>): RouteClass | 'exempt' {
  const route = request.routeOptions.url;
  if (route !== undefined && config.exemptRoutes.includes(route)) return 'exempt';
  if (!authenticated) return 'anonymous';
  if (route !== undefined && config.exportRoutes.includes(route)) return 'export';
  return ['GET', 'HEAD', 'OPTIONS'].includes(request.method.toUpperCase()) ? 'read' : 'write';
}

function bearer(headers: RateLimitedRequest['headers']): string | undefined {
  const h = headers['authorization'];
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() || undefined : undefined;
}

export interface HttpRateLimitOptions {
  readonly config: HttpRateLimitConfig;
  /** The service: its keys are its own (a principal's reads here and on another service are counted apart). */
  readonly service: string;
  readonly redisUrl: string;
  readonly logger: Logger;
  readonly registry: Registry;
  /** Verifies bearer tokens; absent: every request is counted per IP only. */
  readonly verifier?: Pick<TokenVerifier, 'verify'>;
}

/** The limiter of one service's HTTP API; `install` before the app listens, `close` after it closed. */
export class HttpRateLimits {
  private readonly redis: Redis;
  private readonly limits: RateLimits;
  private readonly limited: Counter<'class' | 'scope'>;
  private readonly unavailable: Counter;

  constructor(private readonly options: HttpRateLimitOptions) {
    const warn = throttled((message: string) => options.logger.warn(message));
    this.redis = createRateLimitRedis(options.redisUrl, (error) => warn(`rate limiter redis: ${error.message}`));
    this.limits = new RateLimits({
      redis: this.redis,
      keyPrefix: `${options.config.keyPrefix}:${options.service}`,
      limits: options.config.limits,
      failMode: options.config.failMode,
      onStoreError: (error, mode) => warn(`rate limiter unavailable (${error.message}); ${mode === 'open' ? 'requests pass unmetered' : 'refusing with 503'} (RATE_LIMIT_FAIL_MODE=${mode})`),
    });
    this.limited = new Counter({ name: 'tjc_http_rate_limited_total', help: 'Requests refused with 429 by the rate limits, by route class and the scope that refused', labelNames: ['class', 'scope'] as const, registers: [options.registry] });
    this.unavailable = new Counter({ name: 'tjc_http_rate_limiter_unavailable_total', help: 'Requests refused with 503 because Redis did not answer (RATE_LIMIT_FAIL_MODE=closed)', registers: [options.registry] });
  }

  /** Failing closed, every metered request is refused while Redis is away: the service is not ready then. */
  readiness(): ReadinessCheck {
    return redisReadiness(this.redis);
  }

  install(app: NestFastifyApplication): void {
    const fastify = app.getHttpAdapter().getInstance();
    // Connects in the background: a Redis outage at boot must not stop the service (the fail mode applies meanwhile).
    this.redis.connect().catch(() => undefined);
    fastify.addHook('onRequest', async (request, reply) => {
      const verdict = await this.check(request);
      if (verdict === undefined) return;
      void reply.header('retry-after', String(verdict.retryAfterS)).code(verdict.status).send(verdict.body);
      return reply;
    });
  }

  /** What to answer instead of the route, or undefined to go on. */
  async check(request: RateLimitedRequest): Promise<{ status: 429 | 503; retryAfterS: number; body: Record<string, unknown> } | undefined> {
    const { config, verifier } = this.options;
    // Exempt routes first: a probe pays for no token verification.
    if (request.routeOptions.url !== undefined && config.exemptRoutes.includes(request.routeOptions.url)) return undefined;
    const token = bearer(request.headers);
    const principal = token !== undefined && verifier !== undefined ? await verifier.verify(token).catch(() => undefined) : undefined;
    const cls = routeClassOf(request, principal !== undefined, config);
    if (cls === 'exempt') return undefined;
    const ip = ipKey(clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for'], config.trustedProxies));
    const verdict = await this.limits.charge([
      { limit: `${cls}:ip`, key: ip },
      ...(principal !== undefined ? [{ limit: `${cls}:principal`, key: actorOf(principal) }] : []),
    ]);
    if (verdict.outcome === 'allowed') return undefined;
    if (verdict.outcome === 'unavailable') {
      this.unavailable.inc();
      return { status: 503, retryAfterS: 5, body: { statusCode: 503, error: 'Service Unavailable', code: 'rate_limiter_unavailable', message: 'the rate limiter is unavailable; retry later', retryAfterSeconds: 5 } };
    }
    const scope = verdict.limit.split(':')[1] as Scope;
    this.limited.inc({ class: cls, scope });
    const spec = this.limits.spec(verdict.limit);
    const what = spec ? `${spec.points} ${cls} requests per ${spec.durationS}s per ${scope === 'ip' ? 'address' : 'user'}` : `${cls} requests`;
    return {
      status: 429,
      retryAfterS: verdict.retryAfterS,
      body: { statusCode: 429, error: 'Too Many Requests', code: 'rate_limited', message: `rate limit of ${what} exceeded; retry after ${verdict.retryAfterS}s`, retryAfterSeconds: verdict.retryAfterS },
    };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
