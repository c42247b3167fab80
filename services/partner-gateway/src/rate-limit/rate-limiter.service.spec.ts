import { Logger, ServiceUnavailableException } from '@nestjs/common';
import { createRedis } from './rate-limit.module';
import { RateLimiter } from './rate-limiter.service';

// Redis on a port nothing listens on: what the limiter does during an outage.
const config = (failMode: 'closed' | 'open') => ({ rateLimit: { requestsPerMinute: 10, eventsPerMinute: 100, keyPrefix: 'tjc:test:rate-limiter-spec', failMode, overrides: { 'beijing-hq': { eventsPerMinute: 1000 } } } });

describe('RateLimiter when Redis is down', () => {
  beforeAll(() => Logger.overrideLogger(false));
  const redis = createRedis('redis://127.0.0.1:1');
  redis.on('error', () => undefined);
  afterAll(() => redis.disconnect());

  it('fails closed by default: 503, no crash', async () => {
    await expect(new RateLimiter(redis, config('closed')).charge('hebei-center', 5)).rejects.toBeInstanceOf(ServiceUnavailableException);
  });
  it('fails open when configured: the request passes', async () => {
    await expect(new RateLimiter(redis, config('open')).charge('hebei-center', 5)).resolves.toBeUndefined();
  });
  it('applies per-partner overrides', () => {
    const limiter = new RateLimiter(redis, config('closed'));
    expect(limiter.limitsOf('beijing-hq')).toEqual({ requestsPerMinute: 10, eventsPerMinute: 1000 });
    expect(limiter.limitsOf('xiongan-center')).toEqual({ requestsPerMinute: 10, eventsPerMinute: 100 });
  });
});
