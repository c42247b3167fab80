/**
 * The partner limits on the real Redis (testInfra), under a unique key
 * prefix whose keys are deleted after each test. Real: Redis,
 * rate-limiter-flexible through @tjc/rate-limit. Faked: nothing.
 */
import { Logger, ServiceUnavailableException } from '@nestjs/common';
import type Redis from 'ioredis';
import { redisPrefix, testInfra } from '@tjc/testing';
import { createRedis } from './rate-limit.module';
import { RateLimited, RateLimiter } from './rate-limiter.service';

describe('RateLimiter (Redis)', () => {
  let redis: Redis;
  let keyPrefix: string;
  beforeAll(() => Logger.overrideLogger(false));
  beforeEach(async () => {
    redis = createRedis((await testInfra()).redisUrl);
    await redis.connect();
    keyPrefix = redisPrefix('gw-rl').slice(0, -1);
  });
  afterEach(async () => {
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });
  const limiter = (requestsPerMinute: number, eventsPerMinute: number, overrides = {}) => new RateLimiter(redis, { rateLimit: { requestsPerMinute, eventsPerMinute, keyPrefix, failMode: 'closed', overrides } });
  const refusal = (p: Promise<void>) => p.then(() => undefined, (e: unknown) => e);

  it('allows a minute\'s requests per partner, then 429 with Retry-After; other partners unaffected', async () => {
    const sut = limiter(2, 1000);
    await sut.charge('hebei-center', 1);
    await sut.charge('hebei-center', 1);
    const refused = await refusal(sut.charge('hebei-center', 1));
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterS).toBeGreaterThanOrEqual(1);
    expect((refused as RateLimited).retryAfterS).toBeLessThanOrEqual(60);
    await expect(sut.charge('beijing-hq', 1)).resolves.toBeUndefined();
  });

  it('charges events by batch size, all or nothing: a refused batch spends no request and no event', async () => {
    const sut = limiter(10, 100);
    await sut.charge('xiongan-center', 80);
    expect(await refusal(sut.charge('xiongan-center', 30))).toBeInstanceOf(RateLimited);
    // The refused batch's 30 events and its request were given back: 20 events fit.
    await expect(sut.charge('xiongan-center', 20)).resolves.toBeUndefined();
    expect(await redis.get(`${keyPrefix}:rate:requests@xiongan-center:xiongan-center`)).toBe('2');
    expect(await redis.get(`${keyPrefix}:rate:events@xiongan-center:xiongan-center`)).toBe('100');
  });

  it('lets a batch larger than the whole allowance through once, on a fresh window', async () => {
    const sut = limiter(10, 100);
    await expect(sut.charge('beijing-hq', 500)).resolves.toBeUndefined();
    expect(await refusal(sut.charge('beijing-hq', 1))).toBeInstanceOf(RateLimited);
  });

  it('applies a partner\'s override', async () => {
    const sut = limiter(1, 10, { 'beijing-hq': { requestsPerMinute: 3 } });
    for (let i = 0; i < 3; i++) await sut.charge('beijing-hq', 1);
    expect(await refusal(sut.charge('beijing-hq', 1))).toBeInstanceOf(RateLimited);
    await sut.charge('hebei-center', 1);
    expect(await refusal(sut.charge('hebei-center', 1))).toBeInstanceOf(RateLimited);
  });

  it('is not a 503 while Redis answers', async () => {
    expect(await refusal(limiter(1, 1).charge('hebei-center', 1))).not.toBeInstanceOf(ServiceUnavailableException);
  });
});
