import { Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { createRateLimitRedis, throttled } from '@tjc/rate-limit';
import { GATEWAY_CONFIG, GATEWAY_REDIS } from '../common/tokens';
import type { GatewayConfig } from '../config';
import { RateLimiter } from './rate-limiter.service';

const redisLogger = new Logger('Redis');
const warn = throttled((message: string) => redisLogger.warn(message));

/**
 * The platform's rate-limit Redis client (fail fast, never queue: a Redis
 * outage becomes a clear 503, or a logged pass, see RateLimiter).
 */
export function createRedis(url: string): Redis {
  return createRateLimitRedis(url, (error) => warn(`redis: ${error.message}`));
}

@Injectable()
class RedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = redisLogger;
  constructor(@Inject(GATEWAY_REDIS) private readonly redis: Redis) {}
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
