import { Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { GATEWAY_CONFIG, GATEWAY_REDIS } from '../common/tokens';
import type { GatewayConfig } from '../config';
import { RateLimiter } from './rate-limiter.service';

/**
 * Commands fail fast instead of queueing while Redis is away (no offline
 * queue, short timeouts), so a Redis outage becomes a clear 503 (or a
 * logged pass, see RateLimiter), never a hung request.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 1_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

@Injectable()
class RedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private lastErrorLog = 0;
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: Redis) {
    // Without a listener an 'error' event would crash the process.
    redis.on('error', (error: Error) => {
      if (Date.now() - this.lastErrorLog < 10_000) return;
      this.lastErrorLog = Date.now();
      this.logger.warn(`redis: ${error.message}`);
    });
  }
  async onModuleInit() {
    // A Redis outage at boot must not stop the gateway: the client keeps reconnecting.
    await this.redis.connect().catch((error: unknown) => this.logger.warn(`redis not reachable at boot: ${(error as Error).message}`));
  }
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Module({
  providers: [{ provide: GATEWAY_REDIS, useFactory: (config: GatewayConfig) => createRedis(config.REDIS_URL), inject: [GATEWAY_CONFIG] }, RedisLifecycle, RateLimiter],
  exports: [RateLimiter],
})
export class RateLimitModule {}
