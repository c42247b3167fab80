import { HttpException, HttpStatus, Inject, Injectable, Logger, Optional, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimits, throttled, type LimitSpec } from '@tjc/rate-limit';
import { ReadinessChecks, redisReadiness } from '@tjc/runtime';
import { GATEWAY_CONFIG, GATEWAY_REDIS } from '../common/tokens';
import type { GatewayConfig, RateLimitConfig } from '../config';
import { PARTNER_IDS, type PartnerId } from '../partners/partner';

export class RateLimited extends HttpException {
  constructor(readonly retryAfterS: number, message: string) {
    super({ statusCode: 429, error: 'Too Many Requests', code: 'rate_limited', message, retryAfterSeconds: retryAfterS }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export interface PartnerRateLimits {
  readonly requestsPerMinute: number;
  readonly eventsPerMinute: number;
}

const WINDOW_S = 60;

/**
 * Per-partner rate limits in Redis, shared by every gateway instance, on the
 * platform's one limiter (@tjc/rate-limit, rate-limiter-flexible): two limits
 * per partner, requests (cost 1) and events (cost = events in the batch),
 * each a minute's allowance, charged all or nothing (nothing is charged when
 * either is short).
 *
 * What changed with the move from the hand-written Lua token buckets: the
 * allowance is a fixed one-minute window instead of a continuously refilling
 * bucket, so a partner may send up to twice its limit across a window's end,
 * and Retry-After is the time to the window's end rather than to the next
 * free token; and the all-or-nothing charge is consume-then-refund rather
 * than one atomic script (see packages/rate-limit/README.md). The library
 * cannot do either of the other two; nothing a partner relies on needed them.
 *
 * When Redis does not answer, `failMode` decides: `closed` (default) refuses
 * with 503 and Retry-After, because an unmetered partner could flood the
 * pipeline and the partner will retry anyway; `open` lets the request
 * through and logs a warning (for an operator who prefers availability).
 * Never a crash either way.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private readonly options: RateLimitConfig;
  private readonly limits: RateLimits;

  constructor(
    @Inject(GATEWAY_REDIS) redis: Redis,
    @Inject(GATEWAY_CONFIG) config: Pick<GatewayConfig, 'rateLimit'>,
    @Optional() readiness?: ReadinessChecks,
  ) {
    this.options = config.rateLimit;
    // Failing closed, the gateway refuses every batch while Redis is away: it is not ready then, and says so.
    if (this.options.failMode === 'closed') readiness?.add('redis', redisReadiness(redis));
    const specs: Record<string, LimitSpec> = {};
    for (const partner of PARTNER_IDS) {
      const l = this.limitsOf(partner);
      specs[`requests@${partner}`] = { points: l.requestsPerMinute, durationS: WINDOW_S };
      specs[`events@${partner}`] = { points: l.eventsPerMinute, durationS: WINDOW_S };
    }
    const warn = throttled((message: string) => this.logger.warn(message));
    this.limits = new RateLimits({
      redis,
      keyPrefix: `${this.options.keyPrefix}:rate`,
      limits: specs,
      // `closed` and `open` exactly as before; the people APIs' `local` is not offered to partners.
      failMode: this.options.failMode,
      onStoreError: (error, mode) =>
        mode === 'open'
          ? warn(`rate limiter unavailable (${error.message}); letting partners through unmetered (PARTNER_RATE_FAIL_MODE=open)`)
          : this.logger.error(`rate limiter unavailable (${error.message}); refusing with 503 (PARTNER_RATE_FAIL_MODE=closed)`),
    });
  }

  limitsOf(partner: PartnerId): PartnerRateLimits {
    const override = this.options.overrides[partner];
    return {
      requestsPerMinute: override?.requestsPerMinute ?? this.options.requestsPerMinute,
      eventsPerMinute: override?.eventsPerMinute ?? this.options.eventsPerMinute,
    };
  }

  /** Charges one request and `events` events to the partner, or throws 429 (or 503 when Redis is down and failing closed). */
  async charge(partner: PartnerId, events: number): Promise<void> {
    const limits = this.limitsOf(partner);
    // A batch larger than a whole minute's allowance could never pass: charge what fits in the window.
    const cost = Math.min(events, limits.eventsPerMinute);
    const verdict = await this.limits.charge([
      { limit: `requests@${partner}`, key: partner },
      { limit: `events@${partner}`, key: partner, cost },
    ]);
    if (verdict.outcome === 'allowed') return;
    if (verdict.outcome === 'unavailable') {
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', code: 'rate_limiter_unavailable', message: 'the rate limiter is unavailable; retry later', retryAfterSeconds: 5 });
    }
    throw new RateLimited(verdict.retryAfterS, `rate limit of ${partner} exceeded (${limits.requestsPerMinute} requests and ${limits.eventsPerMinute} events per minute); retry after ${verdict.retryAfterS}s`);
  }
}
