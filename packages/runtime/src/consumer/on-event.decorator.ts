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
