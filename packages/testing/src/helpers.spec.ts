import { expectEventually } from './eventually';
import { uniqueGroup, uniqueTopic } from './names';

describe('test helpers', () => {
  it('uniqueTopic/uniqueGroup never repeat', () => {
    const names = new Set(Array.from({ length: 500 }, (_, i) => (i % 2 ? uniqueTopic('x') : uniqueGroup('x'))));
    expect(names.size).toBe(500);
  });

  it('expectEventually returns once the assertion passes', async () => {
    let calls = 0;
    await expect(expectEventually(() => { calls++; if (calls < 3) throw new Error('not yet'); return calls; }, { intervalMs: 1 })).resolves.toBe(3);
  });

  it('expectEventually rethrows the last failure after the timeout', async () => {
    await expect(expectEventually(() => { throw new Error('never'); }, { timeoutMs: 30, intervalMs: 5 })).rejects.toThrow('never');
  });
});
