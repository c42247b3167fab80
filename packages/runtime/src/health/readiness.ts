import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';

export interface ReadinessVerdict {
  readonly up: boolean;
  /** Shown under the check's name in /health/ready; `status` is terminus's own key there (it refuses it). */
  readonly detail?: Record<string, unknown> & { readonly status?: never };
}

export type ReadinessCheck = () => Promise<ReadinessVerdict>;

/**
 * Checks a service adds to /health/ready beyond the runtime's own (database,
 * consumer, outbox): a dependency it cannot do its job without, e.g. Redis
 * for the KPI service's rollup jobs. Each is also `tjc_ready{check}`.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  add(name: string, check: ReadinessCheck): void {
    if (['database', 'consumer', 'outbox'].includes(name) || this.checks.has(name)) throw new Error(`readiness check "${name}" is already defined`);
    this.checks.set(name, check);
  }

  entries(): [string, ReadinessCheck][] {
    return [...this.checks];
  }
}

/** Up when Redis answers PING within the time given (a readiness probe must not hang on a dead connection). */
export function redisReadiness(redis: Pick<Redis, 'ping' | 'status'>, timeoutMs = 1000): ReadinessCheck {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer to PING within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([redis.ping(), timeout]);
      return { up: true, detail: { connection: redis.status } };
    } catch (error) {
      return { up: false, detail: { connection: redis.status, error: (error as Error).message } };
    } finally {
      clearTimeout(timer);
    }
  };
}
