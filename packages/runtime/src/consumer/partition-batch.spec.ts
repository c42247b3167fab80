/**
 * Unit tests of the partition batch scheduler (pure logic: no Kafka, no DB).
 * Faked: the message processor and the offset resolver.
 */
import { AbandonedError } from './errors';
import { runPartitionBatch, type BatchItem } from './partition-batch';

const msg = (offset: number, key: string | null): BatchItem => ({ offset: String(offset), key: key === null ? null : Buffer.from(key) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(delays: Record<string, number> = {}, failOn?: string) {
  const order: string[] = [];
  const resolved: string[] = [];
  let alive = true;
  const hooks = {
    process: async (m: BatchItem) => {
      await sleep(delays[m.offset] ?? 1);
      if (failOn === m.offset) throw new AbandonedError();
      order.push(`${m.key?.toString() ?? '-'}@${m.offset}`);
    },
    resolve: (o: string) => resolved.push(o),
    alive: () => alive,
    resolvable: () => alive,
    heartbeat: async () => undefined,
  };
  return { hooks, order, resolved, kill: () => (alive = false) };
}

describe('runPartitionBatch', () => {
  it('keeps per-key order while running keys in parallel', async () => {
    const { hooks, order } = setup({ '0': 30, '2': 1 });
    const sut = await runPartitionBatch([msg(0, 'a'), msg(1, 'b'), msg(2, 'a'), msg(3, 'b')], hooks);
    expect(sut).toEqual({ completed: 4, abandoned: false });
    // b's messages finish while a's slow first message is still running ...
    expect(order.indexOf('b@1')).toBeLessThan(order.indexOf('a@0'));
    // ... but a@2 never overtakes a@0.
    expect(order.indexOf('a@0')).toBeLessThan(order.indexOf('a@2'));
  });

  it('resolves offsets only as a contiguous low watermark', async () => {
    const { hooks, resolved } = setup({ '0': 40 });
    await runPartitionBatch([msg(0, 'slow'), msg(1, 'x'), msg(2, 'y')], hooks);
    expect(resolved).toEqual(['0', '1', '2']);
  });

  it('never resolves past a message that was abandoned', async () => {
    const { hooks, resolved } = setup({}, '1');
    const sut = await runPartitionBatch([msg(0, 'a'), msg(1, 'b'), msg(2, 'c')], hooks);
    expect(sut.abandoned).toBe(true);
    expect(resolved).toEqual(['0']);
  });

  it('stops starting new work when the partition is revoked', async () => {
    const setupResult = setup({ '0': 20 });
    const promise = runPartitionBatch([msg(0, 'a'), msg(1, 'a'), msg(2, 'a')], setupResult.hooks);
    await sleep(5);
    setupResult.kill();
    const sut = await promise;
    expect(sut.abandoned).toBe(true);
    expect(setupResult.order).toEqual(['a@0']);
    expect(setupResult.resolved).toEqual([]);
  });

  it('treats null keys as independent', async () => {
    const { hooks, order } = setup({ '0': 30 });
    await runPartitionBatch([msg(0, null), msg(1, null)], hooks);
    expect(order).toEqual(['-@1', '-@0']);
  });
});
