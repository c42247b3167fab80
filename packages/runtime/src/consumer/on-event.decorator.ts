import { EventPattern } from '@nestjs/microservices';
import type { EventType, PlatformEvent } from '@tjc/contracts';

/**
 * `@EventPattern` typed by the contracts catalogue: the handler's first
 * parameter must be the event of exactly that type, so a handler subscribed
 * to `industry.consortium.formed.v1` cannot be written against another
 * payload. The second parameter is the ReliableEventContext (`@Ctx()`).
 *
 *   @OnEvent(EVENTS.consortiumFormed)
 *   async onFormed(@Payload() event: PlatformEvent<'industry.consortium.formed.v1'>, @Ctx() ctx: ReliableEventContext<Tx>) { … }
 */
export function OnEvent<T extends EventType>(type: T) {
  const decorator = EventPattern<string>(type);
  return decorator as <C, R>(
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<(event: PlatformEvent<T>, ctx: C) => R>,
  ) => void;
}

/** The pattern of the catch-all handler: every valid event without a handler of its own. */
export const ANY_EVENT = '*';

/**
 * Receives every valid event of the subscribed topics that has no specific
 * `@OnEvent` handler (still validated, still through the inbox).
 */
export function OnAnyEvent() {
  const decorator = EventPattern<string>(ANY_EVENT);
  return decorator as <C, R>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<(event: PlatformEvent, ctx: C) => R>) => void;
}

/** The `extras` marking a batch handler. */
export const BATCH_HANDLER = { batch: true } as const;

/**
 * A handler of consecutive events of these types as one batch, in the
 * consumer's transaction: `(events, ctx: ReliableBatchContext)`. For slices
 * that write many rows in one statement (the KPI engine). Events arrive in
 * offset order, already claimed in the inbox (duplicates removed); a failure
 * rolls the whole batch back and the runtime falls back to one event at a
 * time, so the handler must also accept a batch of one.
 */
export function OnEventBatch<T extends EventType>(types: readonly T[]) {
  const decorator = EventPattern<string[]>([...types], BATCH_HANDLER);
  return decorator as <C, R>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<(events: readonly PlatformEvent<T>[], ctx: C) => R>) => void;
}
