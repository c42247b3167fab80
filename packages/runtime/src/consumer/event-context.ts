import { BaseRpcContext } from '@nestjs/microservices';
import type { EventDataInput, EventType, PlatformEvent, Source } from '@tjc/contracts';
import type { SqlExecutor } from '../db/sql';
import type { MessageCoordinates } from '../inbox/inbox';
import { publishInTx } from '../outbox/outbox';

type Args<Tx> = [event: PlatformEvent, tx: Tx, at: MessageCoordinates, attempt: number, group: string, source: Source, headers: Readonly<Record<string, string>>, rawValue?: Buffer | null];

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

  /** Stages a reaction event in the outbox of this handler's transaction. */
  publish<T extends EventType>(type: T, data: EventDataInput<T>, options: { time?: Date | string; id?: string } = {}): Promise<PlatformEvent<T>> {
    return publishInTx(this.tx, type, data, {
      source: this.args[5],
      correlationId: this.event.correlationId,
      causationId: this.event.id,
      ...options,
    });
  }
}
