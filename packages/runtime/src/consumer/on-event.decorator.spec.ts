import 'reflect-metadata';
/**
 * @OnEvent ties a handler's payload type to the event type at compile time
 * (checked by `pnpm typecheck`; the @ts-expect-error line fails the type
 * check if the mismatch were ever accepted) and registers a Nest event pattern.
 */
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import type { PlatformEvent } from '@tjc/contracts';
import { OnEvent } from './on-event.decorator';

class Handlers {
  @OnEvent('research.project.found.v1')
  onFound(event: PlatformEvent<'research.project.found.v1'>, _ctx: unknown) {
    return event.data.title;
  }

  // @ts-expect-error a consortium handler cannot take a project-found payload
  @OnEvent('industry.consortium.formed.v1')
  wrong(event: PlatformEvent<'research.project.found.v1'>) {
    return event.data.title;
  }
}

describe('@OnEvent', () => {
  it('registers the event type as the Nest pattern', () => {
    expect(Reflect.getMetadata(PATTERN_METADATA, Handlers.prototype.onFound)).toEqual(['research.project.found.v1']);
  });
});
