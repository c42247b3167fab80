import { Inject, Injectable } from '@nestjs/common';
import type { EventDataInput, EventType, PlatformEvent, Source } from '@tjc/contracts';
import type { SqlExecutor } from '../db/sql';
import { publishInTx } from './outbox';

export const RUNTIME_SOURCE = Symbol('RUNTIME_SOURCE');

/**
 * Stages events in the outbox of the caller's transaction, as this service:
 *
 *   await prisma.$transaction(async (tx) => {
 *     const project = await tx.project.update(...);
 *     await events.publish(tx, EVENTS.projectFound, {...}, { time: project.foundAt });
 *   });
 */
@Injectable()
export class EventPublisher {
  constructor(@Inject(RUNTIME_SOURCE) readonly source: Source) {}

  publish<T extends EventType>(
    tx: SqlExecutor,
    type: T,
    data: EventDataInput<T>,
    options: { time?: Date | string; id?: string; correlationId?: string; causationId?: string } = {},
  ): Promise<PlatformEvent<T>> {
    return publishInTx(tx, type, data, { source: this.source, ...options });
  }
}
