import { AbandonedError } from './errors';

export interface BatchItem {
  readonly offset: string;
  readonly key: Buffer | null;
}

export interface PartitionBatchHooks<M extends BatchItem> {
  /** Processes one message to a final outcome (done or dead-lettered); throws AbandonedError to give up. */
  process(message: M): Promise<void>;
  /** Marks an offset safe to commit. Called in offset order only. */
  resolve(offset: string): void;
  /** May new messages be started? False on rebalance and shutdown. */
  alive(): boolean;
  /** May finished messages still be resolved? False only once the partition is revoked. */
  resolvable(): boolean;
  heartbeat(): Promise<void>;
}

/**
 * Runs one partition's batch: messages with the same key strictly in order,
 * different keys in parallel, and offsets resolved as a low watermark: an
 * offset is resolved only when it and every offset before it are final. A
 * slow or retrying key delays the commit point, never other keys' work, and
 * a crash at any moment re-delivers only unresolved messages (which the
 * inbox then de-duplicates).
 */
export async function runPartitionBatch<M extends BatchItem>(messages: readonly M[], hooks: PartitionBatchHooks<M>): Promise<{ completed: number; abandoned: boolean }> {
  const byKey = new Map<string, M[]>();
  for (const m of messages) {
    const key = m.key === null ? `\u0000offset:${m.offset}` : m.key.toString('utf8');
    const list = byKey.get(key);
    if (list) list.push(m);
    else byKey.set(key, [m]);
  }
  const final = new Set<string>();
  let next = 0;
  let abandoned = false;
  const advance = () => {
    while (next < messages.length && final.has(messages[next]!.offset)) {
      hooks.resolve(messages[next]!.offset);
      next++;
    }
  };

  await Promise.all(
    [...byKey.values()].map(async (list) => {
      for (const message of list) {
        if (abandoned || !hooks.alive()) {
          abandoned = true;
          return;
        }
        try {
          await hooks.process(message);
        } catch (error) {
          if (error instanceof AbandonedError) {
            abandoned = true;
            if (hooks.resolvable()) advance();
            return;
          }
          throw error;
        }
        final.add(message.offset);
        if (hooks.resolvable()) advance();
        await hooks.heartbeat().catch(() => undefined);
      }
    }),
  );
  return { completed: final.size, abandoned };
}
