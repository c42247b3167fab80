/** Readiness checks a service adds (no Redis: fakes of the PING answer, which is all the check reads). */
import { ReadinessChecks, redisReadiness } from './readiness';

describe('readiness checks', () => {
  it('is up when Redis answers PING, down (not hanging) when it does not answer in time, down when it fails', async () => {
    await expect(redisReadiness({ ping: async () => 'PONG', status: 'ready' })()).resolves.toEqual({ up: true, detail: { connection: 'ready' } });
    // A PING that never answers: the verdict arrives at all only because the check times out.
    const silent = await redisReadiness({ ping: () => new Promise<'PONG'>(() => undefined), status: 'reconnecting' }, 50)();
    expect(silent).toEqual({ up: false, detail: { connection: 'reconnecting', error: 'no answer to PING within 50 ms' } });
    const refused = await redisReadiness({ ping: async () => Promise.reject(new Error('ECONNREFUSED')), status: 'end' })();
    expect(refused).toMatchObject({ up: false, detail: { error: 'ECONNREFUSED' } });
  });

  it("refuses a second check of one name, and the runtime's own names", () => {
    const checks = new ReadinessChecks();
    checks.add('redis', async () => ({ up: true }));
    expect(() => checks.add('redis', async () => ({ up: true }))).toThrow('already defined');
    expect(() => checks.add('outbox', async () => ({ up: true }))).toThrow('already defined');
    expect(checks.entries().map(([name]) => name)).toEqual(['redis']);
  });
});
