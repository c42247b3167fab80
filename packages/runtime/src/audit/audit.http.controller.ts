import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Roles } from '@tjc/auth';
import { RUNTIME_DB, type TransactionalDb } from '../db/sql';
import { PageQuery } from '../http/pagination';
import { verifyAuditChain } from './audit-log';
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
  constructor(@Inject(RUNTIME_DB) private readonly db: TransactionalDb) {}

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
  @ApiOperation({ summary: 'Recomputes the hash chain: intact, or the first record that was edited, inserted or deleted' })
  verify() {
    return verifyAuditChain(this.db);
  }
}
