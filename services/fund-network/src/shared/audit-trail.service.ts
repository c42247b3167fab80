import { Injectable } from '@nestjs/common';
import { auditTrail, PageQuery, type Page } from '@tjc/runtime';
import { z } from 'zod';
import { PrismaService } from '../prisma.service';

export const AuditRecordView = z.object({
  seq: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  requestId: z.string().nullable(),
  eventId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditRecordView = z.infer<typeof AuditRecordView>;

export const AuditQuery = PageQuery;

/** The entity types this service writes to rt_audit; the audit endpoints read them back. */
export type AuditedEntity = 'fund' | 'sub-fund' | 'deal' | 'investment' | 'grant';

/** Reads one record's rows of the hash-chained audit log (`GET /<records>/:id/audit`), oldest first. */
@Injectable()
export class AuditTrail {
  constructor(private readonly prisma: PrismaService) {}

  async list(entityType: AuditedEntity, entityId: string, page: PageQuery): Promise<Page<AuditRecordView>> {
    const { items, total } = await auditTrail(this.prisma, entityType, entityId, page);
    return {
      items,
      total,
      limit: page.limit,
      offset: page.offset,
    };
  }
}
