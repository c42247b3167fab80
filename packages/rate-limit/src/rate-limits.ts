import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/** A limit: at most `points` per fixed window of `durationS` seconds, per key. 0 points: no limit. */
export interface LimitSpec {
  readonly points: number;
  readonly durationS: number;
}

/** Charge `cost` points (default 1) to `key` under the limit named `limit`. */
export interface Charge {
  readonly limit: string;
  readonly key: string;
  readonly cost?: number;
}

/**
 * What to do when Redis does not answer:
 *  - `closed`: refuse (the caller answers 503): nothing passes unmetered;
 *  - `open`: let the request through, unmetered, and report it;
 *  - `local`: count in this process's memory until Redis is back
 *    (rate-limiter-flexible's insurance limiter): each instance then
 *    enforces the limits alone, so N instances let up to N times through.
 */
export type FailMode = 'closed' | 'open' | 'local';

export type Verdict =
  | { readonly outcome: 'allowed' }
  /** Over a limit: `limit` names the first one refused; retry after `retryAfterS` seconds (at least 1). */
  | { readonly outcome: 'limited'; readonly limit: string; readonly retryAfterS: number }
  /** Redis did not answer and the fail mode is `closed`. */
  | { readonly outcome: 'unavailable'; readonly reason: string };

export interface RateLimitsOptions {
  readonly redis: Redis;
  /** Prefix of every Redis key (tests use a unique one and delete its keys). */
  readonly keyPrefix: string;
  readonly limits: Readonly<Record<string, LimitSpec>>;
  readonly failMode: FailMode;
  /** Told when Redis does not answer (the caller logs it, throttled). */
  readonly onStoreError?: (error: Error, failMode: FailMode) => void;
}

/**
 * Named limits counted in Redis with rate-limiter-flexible (fixed windows,
 * one atomic INCR script per key), shared by every instance of a service.
 *
 * A request is charged to several limits at once (per IP and per principal;
 * a partner's requests and events) and the charge is all or nothing: when
 * any limit refuses, every point just taken, the refused ones included, is
 * given back, so a refused request costs no allowance. The library has no
 * multi-key transaction, so this is consume-then-refund: for the instant in
 * between, a concurrent request may see the counter higher than it ends up.
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(private readonly options: RateLimitsOptions) {
    for (const [name, spec] of Object.entries(options.limits)) {
      if (spec.points <= 0) continue;
      if (!Number.isInteger(spec.points) || !Number.isInteger(spec.durationS) || spec.durationS < 1) throw new Error(`rate limit ${name}: points and durationS must be positive integers`);
      const keyPrefix = `${options.keyPrefix}:${name}`;
      this.limiters.set(
        name,
        new RateLimiterRedis({
          storeClient: options.redis,
          keyPrefix,
          points: spec.points,
          duration: spec.durationS,
          // Fail at once while disconnected instead of waiting for a command timeout.
          rejectIfRedisNotReady: true,
          ...(options.failMode === 'local' && { insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: spec.points, duration: spec.durationS }) }),
        }),
      );
    }
  }

  /** The limit's spec, or undefined when it is off (0 points or not configured). */
  spec(limit: string): LimitSpec | undefined {
    return this.limiters.has(limit) ? this.options.limits[limit] : undefined;
  }

  async charge(charges: readonly Charge[]): Promise<Verdict> {
    const live = charges.flatMap((c) => {
      const limiter = this.limiters.get(c.limit);
      const cost = c.cost ?? 1;
      return limiter !== undefined && cost > 0 ? [{ ...c, cost, limiter }] : [];
    });
    if (live.length === 0) return { outcome: 'allowed' };
    // In parallel: one round trip of latency whatever the number of limits.
    const results = await Promise.allSettled(live.map((c) => c.limiter.consume(c.key, c.cost)));
    const storeError = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !(r.reason instanceof RateLimiterRes));
    const refused = live.flatMap((c, i) => {
      const r = results[i]!;
      return r.status === 'rejected' && r.reason instanceof RateLimiterRes ? [{ limit: c.limit, msBeforeNext: r.reason.msBeforeNext }] : [];
    });
    if (refused.length === 0 && storeError === undefined) return { outcome: 'allowed' };

    // All or nothing: give back every point counted, the refused charges' too (the library counts
    // a refused consume). Best effort: a refund that fails only over-counts until the window ends.
    const counted = live.filter((_, i) => {
      const r = results[i]!;
      return r.status === 'fulfilled' || r.reason instanceof RateLimiterRes;
    });
    await Promise.allSettled(counted.map((c) => c.limiter.reward(c.key, c.cost)));

    if (refused.length > 0) {
      const first = refused[0]!;
      const waitMs = Math.max(...refused.map((r) => r.msBeforeNext));
      return { outcome: 'limited', limit: first.limit, retryAfterS: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    const error = storeError!.reason instanceof Error ? storeError!.reason : new Error(String(storeError!.reason));
    this.options.onStoreError?.(error, this.options.failMode);
    // `local` never gets here: the insurance limiter answers instead of an error.
    return this.options.failMode === 'open' ? { outcome: 'allowed' } : { outcome: 'unavailable', reason: error.message };
  }

  /** Removes the counters of `key` under every limit (tests; an operator unblocking a caller). */
  async reset(key: string): Promise<void> {
    await Promise.all([...this.limiters.values()].map((l) => l.delete(key)));
  }
}
