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
