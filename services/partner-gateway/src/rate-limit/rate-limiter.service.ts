import { HttpException, HttpStatus, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { GATEWAY_CONFIG, GATEWAY_REDIS } from '../common/tokens';
import type { GatewayConfig, RateLimitConfig } from '../config';
import type { PartnerId } from '../partners/partner';

/**
 * Two token buckets per partner, checked and charged atomically in one
 * script: requests (cost 1) and events (cost = events in the batch). Each
 * bucket holds a minute's allowance and refills continuously, so a partner
 * may burst up to its per-minute limit, then is paced. Nothing is charged
 * when either bucket is short. Returns [1, 0] when allowed, or [0, wait ms].
 */
const TOKEN_BUCKETS = `
local now = tonumber(ARGV[1])
local function level(key, capacity, per_ms)
  local v = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(v[1]) or capacity
  local ts = tonumber(v[2]) or now
  return math.min(capacity, tokens + math.max(0, now - ts) * per_ms)
end
local rcap, rrate = tonumber(ARGV[2]), tonumber(ARGV[3])
local ecap, erate, cost = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local r = level(KEYS[1], rcap, rrate)
local e = level(KEYS[2], ecap, erate)
local wait = 0
if r < 1 then wait = math.max(wait, (1 - r) / rrate) end
if cost > 0 and e < cost then wait = math.max(wait, (cost - e) / erate) end
if wait > 0 then return {0, math.ceil(wait)} end
redis.call('HSET', KEYS[1], 'tokens', tostring(r - 1), 'ts', tostring(now))
redis.call('HSET', KEYS[2], 'tokens', tostring(e - cost), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
redis.call('PEXPIRE', KEYS[2], 120000)
return {1, 0}
`;

export class RateLimited extends HttpException {
  constructor(readonly retryAfterS: number, message: string) {
    super({ statusCode: 429, error: 'Too Many Requests', code: 'rate_limited', message, retryAfterSeconds: retryAfterS }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export interface PartnerRateLimits {
  readonly requestsPerMinute: number;
  readonly eventsPerMinute: number;
}

/**
 * Per-partner rate limits in Redis, shared by every gateway instance.
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

  constructor(
    @Inject(GATEWAY_REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) config: Pick<GatewayConfig, 'rateLimit'>,
  ) {
    this.options = config.rateLimit;
  }

  limitsOf(partner: PartnerId): PartnerRateLimits {
    const override = this.options.overrides[partner];
    return {
      requestsPerMinute: override?.requestsPerMinute ?? this.options.requestsPerMinute,
      eventsPerMinute: override?.eventsPerMinute ?? this.options.eventsPerMinute,
    };
  }

  /** Charges one request and `events` events to the partner, or throws 429 (or 503 when Redis is down and failing closed). */
  async charge(partner: PartnerId, events: number, now = Date.now()): Promise<void> {
    const limits = this.limitsOf(partner);
    // A batch larger than a whole minute's allowance could never pass: charge what fits in the bucket.
    const cost = Math.min(events, limits.eventsPerMinute);
    let result: [number, number];
    try {
      result = (await this.redis.eval(
        TOKEN_BUCKETS,
        2,
        `${this.options.keyPrefix}:rate:${partner}:requests`,
        `${this.options.keyPrefix}:rate:${partner}:events`,
        now,
        limits.requestsPerMinute,
        limits.requestsPerMinute / 60_000,
        limits.eventsPerMinute,
        limits.eventsPerMinute / 60_000,
        cost,
      )) as [number, number];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (this.options.failMode === 'open') {
        this.logger.warn(`rate limiter unavailable (${reason}); letting ${partner} through unmetered (PARTNER_RATE_FAIL_MODE=open)`);
        return;
      }
      this.logger.error(`rate limiter unavailable (${reason}); refusing ${partner} with 503 (PARTNER_RATE_FAIL_MODE=closed)`);
      throw new ServiceUnavailableException({ statusCode: 503, error: 'Service Unavailable', code: 'rate_limiter_unavailable', message: 'the rate limiter is unavailable; retry later', retryAfterSeconds: 5 });
    }
    const [allowed, waitMs] = result;
    if (allowed !== 1) {
      const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
      throw new RateLimited(retryAfterS, `rate limit of ${partner} exceeded (${limits.requestsPerMinute} requests and ${limits.eventsPerMinute} events per minute); retry after ${retryAfterS}s`);
    }
  }
}
