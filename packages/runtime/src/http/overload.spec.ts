/**
 * Admission control and the pool-exhaustion mapping (pure: no HTTP, no
 * database; the tasks are promises the test resolves).
 */
import { AdmissionGate, isPoolExhausted, isTransactionTimeout, Overloaded } from './overload';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('AdmissionGate', () => {
  it('runs at most `concurrency` at once, queues up to `queue`, and refuses the next with Overloaded (Retry-After)', async () => {
    const sut = new AdmissionGate({ concurrency: 2, queue: 1, maxWaitMs: 60_000, retryAfterS: 3 });
    const holds = [deferred(), deferred(), deferred()];
    const running = holds.map((h) => sut.run(() => h.promise));
    expect(sut.inFlight).toBe(2);
    expect(sut.queued).toBe(1);
    const refused = await sut.run(() => Promise.resolve()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Overloaded);
    expect((refused as Overloaded).retryAfterS).toBe(3);
    expect((refused as Overloaded).getStatus()).toBe(503);
    holds.forEach((h) => h.resolve());
    await Promise.all(running);
    expect(sut.inFlight).toBe(0);
  });

  it('refuses a waiter that is not admitted in time, and admits the next one when a slot frees', async () => {
    jest.useFakeTimers();
    try {
      const sut = new AdmissionGate({ concurrency: 1, queue: 5, maxWaitMs: 100, retryAfterS: 1 });
      const hold = deferred();
      const first = sut.run(() => hold.promise);
      const late = sut.run(() => Promise.resolve('late')).catch((e: unknown) => e);
      jest.advanceTimersByTime(101);
      expect(await late).toBeInstanceOf(Overloaded);
      const next = sut.run(() => Promise.resolve('next'));
      hold.resolve();
      await first;
      await expect(next).resolves.toBe('next');
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('isTransactionTimeout', () => {
  it('is a transaction that expired or was closed before it finished, not a pool without slots', () => {
    expect(isTransactionTimeout({ code: 'P2028', message: 'Transaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms' })).toBe(true);
    expect(isTransactionTimeout({ code: 'P2028', message: 'Transaction already closed' })).toBe(true);
    expect(isTransactionTimeout({ code: 'P2028', message: 'Transaction API error: Unable to start a transaction in the given time.' })).toBe(false);
    expect(isTransactionTimeout({ code: 'P2024' })).toBe(false);
  });
});

describe('isPoolExhausted', () => {
  it("recognises Prisma's pool and transaction-start timeouts, and nothing else", () => {
    expect(isPoolExhausted({ code: 'P2024', message: 'Timed out fetching a new connection from the connection pool' })).toBe(true);
    expect(isPoolExhausted({ code: 'P2028', message: 'Transaction API error: Unable to start a transaction in the given time.' })).toBe(true);
    expect(isPoolExhausted({ code: 'P2028', message: 'Transaction already closed' })).toBe(false);
    expect(isPoolExhausted({ code: 'P2002' })).toBe(false);
    expect(isPoolExhausted(new Error('boom'))).toBe(false);
  });
});
