import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CATALOGUE, EVENT_TYPES, type PlatformEvent, type TopicKey } from '@tjc/contracts';
import { OnEventBatch, type ReliableBatchContext } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';
import { IngestEventHandler } from './ingest-event.handler';

/** What the KPI service consumes: the four networks' topics (partners' events arrive there through the gateway) and the center's. */
export const KPI_CONSUMER = {
  groupId: 'kpi',
  topics: ['research', 'industry', 'service', 'fund', 'center'] as const satisfies readonly TopicKey[],
};

/**
 * Every event type published on those topics, derived from the catalogue: the
 * archive must hold every event (a KPI defined later may count any type), and
 * a type added to the contracts is archived without a code change. One
 * batch handler for all of them, because the runtime dispatches a type to
 * exactly one handler.
 */
export const ARCHIVED_TYPES = EVENT_TYPES.filter((t) => (KPI_CONSUMER.topics as readonly TopicKey[]).includes(CATALOGUE[t].topic));

@Controller()
export class IngestEventConsumer {
  constructor(private readonly handler: IngestEventHandler) {}

  /** A batch of consumed events in one transaction: the engine archives and applies them with a few statements per evaluation. */
  @OnEventBatch(ARCHIVED_TYPES)
  async onEvents(@Payload() events: readonly PlatformEvent[], @Ctx() ctx: ReliableBatchContext<Tx>): Promise<void> {
    await this.handler.handle(ctx.tx, events, (fn) => ctx.afterCommit(fn));
  }
}
