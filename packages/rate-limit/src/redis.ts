import Redis from 'ioredis';

/**
 * A Redis client for rate limiting: commands fail fast instead of queueing
 * while Redis is away (no offline queue, short timeouts), so an outage turns
 * into the limiter's fail mode at once, never a hung request. It connects in
 * the background: a Redis outage at boot does not stop the service.
 */
export function createRateLimitRedis(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Without a listener an 'error' event would crash the process.
  redis.on('error', onError);
  return redis;
}

/** Calls `log` at most once per `everyMs` (a Redis outage raises an error per reconnect attempt). */
export function throttled<A extends unknown[]>(log: (...args: A) => void, everyMs = 10_000, now: () => number = Date.now): (...args: A) => void {
  let last = -Infinity;
  return (...args) => {
    if (now() - last < everyMs) return;
    last = now();
    log(...args);
  };
}
