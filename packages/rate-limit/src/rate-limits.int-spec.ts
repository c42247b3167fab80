/**
 * RateLimits against the real Redis (testInfra), each test under a unique
 * key prefix whose keys are deleted after it. A dead port stands for a Redis
 * outage. Real: Redis, rate-limiter-flexible, ioredis. Faked: nothing.
 */
import type Redis from 'ioredis';
import { redisPrefix, testInfra } from '@tjc/testing';
import { RateLimits, type FailMode, type LimitSpec } from './rate-limits';
import { createRateLimitRedis } from './redis';

const quiet = () => undefined;

async function setup(limits: Record<string, LimitSpec>, failMode: FailMode = 'closed', url?: string) {
  const redis = createRateLimitRedis(url ?? (await testInfra()).redisUrl, quiet);
  if (url === undefined) await redis.connect();
  const keyPrefix = redisPrefix('rl').slice(0, -1);
  const storeErrors: string[] = [];
  const sut = new RateLimits({ redis, keyPrefix, limits, failMode, onStoreError: (e, mode) => storeErrors.push(`${mode}: ${e.message}`) });
  return { sut, redis, keyPrefix, storeErrors };
}

async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  if (redis.status !== 'ready') return redis.disconnect();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}

describe('RateLimits (Redis)', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  afterEach(async () => removeKeys(s.redis, s.keyPrefix));

  it('allows the points of a window, then refuses with the wait until the window ends', async () => {
    s = await setup({ req: { points: 3, durationS: 60 } });
    for (let i = 0; i < 3; i++) expect(await s.sut.charge([{ limit: 'req', key: 'alice' }])).toEqual({ outcome: 'allowed' });
    const refused = await s.sut.charge([{ limit: 'req', key: 'alice' }]);
    expect(refused).toMatchObject({ outcome: 'limited', limit: 'req' });
    expect(refused.outcome === 'limited' && refused.retryAfterS).toBeGreaterThanOrEqual(1);
    expect(refused.outcome === 'limited' && refused.retryAfterS).toBeLessThanOrEqual(60);
    // Another key has its own allowance; the counter lives in Redis under the prefix.
    expect(await s.sut.charge([{ limit: 'req', key: 'bob' }])).toEqual({ outcome: 'allowed' });
    expect(await s.redis.get(`${s.keyPrefix}:req:alice`)).toBe('3');
  });

  it('is all or nothing over several limits: a refused request costs no allowance anywhere', async () => {
    s = await setup({ ip: { points: 2, durationS: 60 }, principal: { points: 1, durationS: 60 } });
    expect(await s.sut.charge([{ limit: 'ip', key: '10.0.0.1' }, { limit: 'principal', key: 'alice' }])).toEqual({ outcome: 'allowed' });
    expect(await s.sut.charge([{ limit: 'ip', key: '10.0.0.1' }, { limit: 'principal', key: 'alice' }])).toMatchObject({ outcome: 'limited', limit: 'principal' });
    // The IP's second point was given back: bob, from the same address, still gets it.
    expect(await s.sut.charge([{ limit: 'ip', key: '10.0.0.1' }, { limit: 'principal', key: 'bob' }])).toEqual({ outcome: 'allowed' });
    expect(await s.sut.charge([{ limit: 'ip', key: '10.0.0.1' }, { limit: 'principal', key: 'carol' }])).toMatchObject({ outcome: 'limited', limit: 'ip' });
    expect(await s.redis.get(`${s.keyPrefix}:ip:10.0.0.1`)).toBe('2');
    expect(await s.redis.get(`${s.keyPrefix}:principal:alice`)).toBe('1');
  });

  it('lets a smaller charge through after a larger one was refused (the refused points are given back)', async () => {
    s = await setup({ events: { points: 10, durationS: 60 } });
    expect((await s.sut.charge([{ limit: 'events', key: 'hebei', cost: 8 }])).outcome).toBe('allowed');
    expect((await s.sut.charge([{ limit: 'events', key: 'hebei', cost: 5 }])).outcome).toBe('limited');
    expect((await s.sut.charge([{ limit: 'events', key: 'hebei', cost: 2 }])).outcome).toBe('allowed');
    expect((await s.sut.charge([{ limit: 'events', key: 'hebei', cost: 1 }])).outcome).toBe('limited');
  });

  it('skips limits with 0 points, unknown limits and charges of cost 0', async () => {
    s = await setup({ off: { points: 0, durationS: 60 }, one: { points: 1, durationS: 60 } });
    for (let i = 0; i < 5; i++) expect((await s.sut.charge([{ limit: 'off', key: 'k' }, { limit: 'nope', key: 'k' }, { limit: 'one', key: 'k', cost: 0 }])).outcome).toBe('allowed');
    expect(s.sut.spec('off')).toBeUndefined();
    expect(s.sut.spec('one')).toEqual({ points: 1, durationS: 60 });
    expect(await s.redis.keys(`${s.keyPrefix}*`)).toEqual([]);
  });

  it('forgets a key on reset', async () => {
    s = await setup({ req: { points: 1, durationS: 60 } });
    await s.sut.charge([{ limit: 'req', key: 'alice' }]);
    expect((await s.sut.charge([{ limit: 'req', key: 'alice' }])).outcome).toBe('limited');
    await s.sut.reset('alice');
    expect((await s.sut.charge([{ limit: 'req', key: 'alice' }])).outcome).toBe('allowed');
  });
});

describe('RateLimits while Redis is down (nothing listens on the port)', () => {
  const limits = { req: { points: 2, durationS: 60 } };
  const down = 'redis://127.0.0.1:1';
  let s: Awaited<ReturnType<typeof setup>>;
  afterEach(() => s.redis.disconnect());

  it('closed: unavailable, and the error is reported', async () => {
    s = await setup(limits, 'closed', down);
    expect(await s.sut.charge([{ limit: 'req', key: 'a' }])).toMatchObject({ outcome: 'unavailable' });
    expect(s.storeErrors).toEqual([expect.stringMatching(/^closed: /)]);
  });
  it('open: allowed, unmetered, and the error is reported', async () => {
    s = await setup(limits, 'open', down);
    for (let i = 0; i < 4; i++) expect(await s.sut.charge([{ limit: 'req', key: 'a' }])).toEqual({ outcome: 'allowed' });
    expect(s.storeErrors).toHaveLength(4);
  });
  it('local: counted in this process until Redis is back', async () => {
    s = await setup(limits, 'local', down);
    expect((await s.sut.charge([{ limit: 'req', key: 'a' }])).outcome).toBe('allowed');
    expect((await s.sut.charge([{ limit: 'req', key: 'a' }])).outcome).toBe('allowed');
    expect(await s.sut.charge([{ limit: 'req', key: 'a' }])).toMatchObject({ outcome: 'limited', limit: 'req' });
  });
});
