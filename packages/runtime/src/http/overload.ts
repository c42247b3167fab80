/**
 * Honest answers under overload: a request the service cannot take now is
 * answered 503 with Retry-After — never 500 — and counted. Two sources:
 *  - admission control (a bounded number of heavy requests at once, a
 *    bounded queue behind them: AdmissionGate below), and
 *  - the database: Prisma's "timed out fetching a connection" (P2024) and
 *    its transaction API errors (P2028): "unable to start a transaction in
 *    the given time", and a transaction that outlived its timeout waiting
 *    behind others (a row lock, the audit chain's lock) — it was rolled
 *    back, so nothing was saved and the same request can be sent again.
 * The platform's exception filter turns all of them into the same 503.
 */
import { ServiceUnavailableException } from '@nestjs/common';

export class Overloaded extends ServiceUnavailableException {
  constructor(
    readonly reason: 'admission' | 'database-pool' | 'transaction-timeout',
    readonly retryAfterS: number,
  ) {
    super({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'overloaded',
      message: `服务繁忙，请在 ${retryAfterS} 秒后重试 / the service is at capacity, retry after ${retryAfterS} s`,
      retryAfterS,
    });
  }
}

/** Prisma's errors for a pool that had no connection or transaction slot in time. */
export function isPoolExhausted(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'P2024' || (code === 'P2028' && typeof message === 'string' && /Unable to start a transaction in the given time/.test(message));
}

/** Prisma's other transaction API errors (P2028): the transaction expired or was closed before it finished, and was rolled back. */
export function isTransactionTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2028' && !isPoolExhausted(error);
}

/**
 * At most `concurrency` holders at once and at most `queue` waiting; a
 * waiter that is not admitted within `maxWaitMs`, or finds the queue full,
 * is refused with Overloaded.
 */
export class AdmissionGate {
  private active = 0;
  private readonly waiting: { admit: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(private readonly options: { readonly concurrency: number; readonly queue: number; readonly maxWaitMs: number; readonly retryAfterS: number }) {}

  get inFlight(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await task();
    } finally {
      this.leave();
    }
  }

  private enter(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.options.queue) return Promise.reject(new Overloaded('admission', this.options.retryAfterS));
    return new Promise<void>((resolve, reject) => {
      const entry = {
        admit: () => {
          clearTimeout(entry.timer);
          this.active++;
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new Overloaded('admission', this.options.retryAfterS));
        }, this.options.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private leave(): void {
    this.active--;
    this.waiting.shift()?.admit();
  }
}
