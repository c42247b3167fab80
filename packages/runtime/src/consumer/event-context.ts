import { BaseRpcContext } from '@nestjs/microservices';
import type { EventDataInput, EventType, PlatformEvent, Source } from '@tjc/contracts';
import type { SqlExecutor } from '../db/sql';
import type { MessageCoordinates } from '../inbox/inbox';
import { buildReaction, publishInTx } from '../outbox/outbox';

type Args<Tx> = [
  event: PlatformEvent,
  tx: Tx,
  at: MessageCoordinates,
  attempt: number,
  group: string,
  source: Source,
  headers: Readonly<Record<string, string>>,
  rawValue?: Buffer | null,
  afterCommit?: (() => Promise<void> | void)[],
  /** Where publish() stages events when the runtime writes a batch's outbox rows in one statement at its end. */
  outbox?: PlatformEvent[],
];

/**
 * What an event handler gets besides the event (`@Ctx()`): the open database
 * transaction its effects must use (the inbox record is in it too), where the
 * message came from, and a way to publish reactions through the outbox in
 * the same transaction, with causation and correlation filled in.
 */
export class ReliableEventContext<Tx extends SqlExecutor = SqlExecutor> extends BaseRpcContext<Args<Tx>> {
  get event(): PlatformEvent {
    return this.args[0];
  }
  /** The handler's transaction: write ALL effects through it. */
  get tx(): Tx {
    return this.args[1];
  }
  get coordinates(): MessageCoordinates {
    return this.args[2];
  }
  get attempt(): number {
    return this.args[3];
  }
  get consumerGroup(): string {
    return this.args[4];
  }
  /** The Kafka message headers (e.g. a partner's signature on the direct path). */
  get headers(): Readonly<Record<string, string>> {
    return this.args[6];
  }

  /**
   * The message value exactly as produced: a signature over the bytes (the
   * partners' direct path) must be checked against these, not against the
   * parsed event re-serialised.
   */
  get rawValue(): Buffer | null {
    return this.args[7] ?? null;
  }

  /**
   * Runs `fn` once the handler's transaction has committed (e.g. invalidating
   * a cache of what it changed): never for a transaction that rolled back.
   * Best effort and at most once per commit; what must not be lost belongs in
   * the transaction (the outbox), not here.
   */
  afterCommit(fn: () => Promise<void> | void): void {
    const hooks = this.args[8];
    if (!hooks) throw new Error('afterCommit is not available outside the consumer');
    hooks.push(fn);
  }

  /** Stages a reaction event in the outbox of this handler's transaction. */
  publish<T extends EventType>(type: T, data: EventDataInput<T>, options: { time?: Date | string; id?: string } = {}): Promise<PlatformEvent<T>> {
    const build = { source: this.args[5], correlationId: this.event.correlationId, causationId: this.event.id, ...options };
    const staged = this.args[9];
    if (!staged) return publishInTx(this.tx, type, data, build);
    const event = buildReaction(type, data, build);
    staged.push(event as PlatformEvent);
    return Promise.resolve(event);
  }
}

type BatchArgs<Tx> = [
  events: readonly PlatformEvent[],
  tx: Tx,
  at: readonly MessageCoordinates[],
  group: string,
  source: Source,
  afterCommit: (() => Promise<void> | void)[],
  outbox: PlatformEvent[],
];

/**
 * The context of an `@OnEventBatch` handler (`@Ctx()`): the transaction the
 * whole batch shares with its inbox claims and outbox rows, the coordinates
 * of each event (same order), post-commit hooks, and publishing a reaction
 * to one of the events (its causation and correlation filled in).
 */
export class ReliableBatchContext<Tx extends SqlExecutor = SqlExecutor> extends BaseRpcContext<BatchArgs<Tx>> {
  get events(): readonly PlatformEvent[] {
    return this.args[0];
  }
  /** The batch's transaction: write ALL effects through it. */
  get tx(): Tx {
    return this.args[1];
  }
  get coordinates(): readonly MessageCoordinates[] {
    return this.args[2];
  }
  get consumerGroup(): string {
    return this.args[3];
  }
  /** As ReliableEventContext.afterCommit: once the batch's transaction has committed. */
  afterCommit(fn: () => Promise<void> | void): void {
    this.args[5].push(fn);
  }
  publishFor<T extends EventType>(cause: PlatformEvent, type: T, data: EventDataInput<T>, options: { time?: Date | string; id?: string } = {}): PlatformEvent<T> {
    const event = buildReaction(type, data, { source: this.args[4], correlationId: cause.correlationId, causationId: cause.id, ...options });
    this.args[6].push(event as PlatformEvent);
    return event;
  }
}
