import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { RUNTIME_LOGGER } from '@tjc/runtime';
import { KPI_CONFIG, type KpiServiceConfig } from '../config';

/**
 * Redis cache of the KPI API's answers, per year.
 *
 * Invalidation by generation: every answer of a year is stored under
 * `<prefix>:kpi:cache:<year>:<gen>`, and `<prefix>:kpi:cache-gen:<year>` is
 * incremented after the year's rollups commit (i.e. when new events have
 * landed in the figures the API shows). A reader that computed an answer from
 * the old rollups can only write it under the old generation, which no one
 * reads any more, so a stale answer can never outlive an invalidation.
 * If Redis is unavailable the API answers from PostgreSQL.
 */
@Injectable()
export class KpiCache implements OnApplicationShutdown {
  readonly redis: Redis & { kpiCacheRead(genKey: string, dataPrefix: string, variant: string): Promise<unknown> };
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(
    @Inject(KPI_CONFIG) config: KpiServiceConfig,
    @Inject(RUNTIME_LOGGER) private readonly logger: Logger,
  ) {
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: 1, lazyConnect: false, connectionName: 'kpi-cache' }) as KpiCache['redis'];
    this.redis.on('error', (error: Error) => this.logger.debug({ err: error }, 'cache connection error'));
    this.prefix = `${config.redis.prefix}:kpi`;
    // GET the generation (0 when absent), then HGET the variant under it, atomically, in one round trip.
    this.redis.defineCommand('kpiCacheRead', {
      numberOfKeys: 1,
      lua: `local g = redis.call('GET', KEYS[1]) or '0'
            return { g, redis.call('HGET', ARGV[1] .. g, ARGV[2]) }`,
    });
    this.ttlSeconds = config.cache.ttlSeconds;
  }

  private genKey(year: number) {
    return `${this.prefix}:cache-gen:${year}`;
  }
  private dataKey(year: number, gen: string) {
    return `${this.prefix}:cache:${year}:${gen}`;
  }

  /** The cached JSON of `variant`, or computes, stores and returns it. */
  async getOrCompute(year: number, variant: string, compute: () => Promise<unknown>): Promise<{ json: string; hit: boolean }> {
    let gen: string | undefined;
    try {
      // One round trip: the year's generation and the answer stored under it (a hit is the whole request's Redis work).
      const [g, cached] = (await this.redis.kpiCacheRead(this.genKey(year), `${this.prefix}:cache:${year}:`, variant)) as [string, string | null];
      gen = g;
      if (cached !== null) return { json: cached, hit: true };
    } catch (error) {
      this.logger.warn({ err: error }, 'cache read failed; answering from the database');
      gen = undefined;
    }
    const json = JSON.stringify(await compute());
    if (gen !== undefined) {
      try {
        await this.redis.multi().hset(this.dataKey(year, gen), variant, json).expire(this.dataKey(year, gen), this.ttlSeconds).exec();
      } catch (error) {
        this.logger.warn({ err: error }, 'cache write failed');
      }
    }
    return { json, hit: false };
  }

  async invalidate(...years: number[]): Promise<void> {
    try {
      const multi = this.redis.multi();
      for (const year of years) multi.incr(this.genKey(year));
      await multi.exec();
    } catch (error) {
      // The TTL bounds the staleness if Redis refused the increment.
      this.logger.warn({ err: error, years }, 'cache invalidation failed');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
