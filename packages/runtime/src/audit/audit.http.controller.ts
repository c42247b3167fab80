import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@tjc/auth';
import type { Kafka } from 'kafkajs';
import { RUNTIME_DB, type TransactionalDb } from '../db/sql';
import { PageQuery } from '../http/pagination';
import type { RuntimeModuleOptions } from '../runtime.module';
import { RUNTIME_KAFKA, RUNTIME_OPTIONS } from '../tokens';
import { verifyAuditChain } from './audit-log';
import { checkAgainst, latestCheckpoint, type AnchoredReport } from './checkpoints';
import { queryAudit } from './audit-query';

const AuditQuery = PageQuery.extend({
  action: z.string().trim().min(1).max(100).optional(),
  actionPrefix: z.string().trim().min(1).max(100).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  entityType: z.string().trim().min(1).max(100).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/**
 * The service's append-only, hash-chained audit log for center admins:
 * every write, every denied request (action `access.denied`) and every ops
 * action (dead-letter replay/discard, rebuilds, target changes).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('center-admin')
@Controller('admin/audit')
export class AuditHttpController {
  constructor(
    @Inject(RUNTIME_DB) private readonly db: TransactionalDb,
    @Inject(RUNTIME_KAFKA) private readonly kafka: Kafka,
    @Inject(RUNTIME_OPTIONS) private readonly options: RuntimeModuleOptions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The audit log, newest first (filters: action, actionPrefix, actor, entityType, entityId, from, to)' })
  list(@Query({ schema: AuditQuery }) q: z.output<typeof AuditQuery>) {
    return queryAudit(this.db, {
      limit: q.limit,
      offset: q.offset,
      ...(q.action !== undefined && { action: q.action }),
      ...(q.actionPrefix !== undefined && { actionPrefix: q.actionPrefix }),
      ...(q.actor !== undefined && { actor: q.actor }),
      ...(q.entityType !== undefined && { entityType: q.entityType }),
      ...(q.entityId !== undefined && { entityId: q.entityId }),
      ...(q.from !== undefined && { from: new Date(q.from) }),
      ...(q.to !== undefined && { to: new Date(q.to) }),
    });
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Recomputes the hash chain and checks it against the latest signed checkpoint kept outside the database',
    description:
      'intact, or brokenAt: the first record edited, inserted or deleted; checkpoint: whether the newest records were deleted (truncated) or the chain re-hashed (rewritten) since the last anchor. 重新计算哈希链，并与数据库之外的签名检查点比对。',
  })
  async verify(): Promise<AnchoredReport> {
    const chain = await verifyAuditChain(this.db);
    const key = this.options.env.AUDIT_CHECKPOINT_KEY;
    if (!key) return { ...chain, checkpoint: { anchored: false, why: 'AUDIT_CHECKPOINT_KEY is not set: the chain has no anchor outside the database' } };
    const checkpoint = await latestCheckpoint(this.kafka, this.options.service);
    if (!checkpoint) return { ...chain, checkpoint: { anchored: false, why: 'no checkpoint has been published yet' } };
    return checkAgainst(this.db, chain, checkpoint, key.reveal());
  }
}
