import { Injectable } from '@nestjs/common';
import { auditTrail, type Page, type AuditTrailRecord } from '@tjc/runtime';
import { PrismaService } from '../prisma.service';

export type AuditRow = AuditTrailRecord;

/** Reads one record's rows of the hash-chained audit log (rt_audit), oldest first. */
@Injectable()
export class AuditTrailService {
  constructor(private readonly prisma: PrismaService) {}

  async trail(entityType: string, entityId: string, limit: number, offset: number): Promise<Page<AuditRow>> {
    const { items, total } = await auditTrail(this.prisma, entityType, entityId, { limit, offset });
    return {
      items,
      total,
      limit,
      offset,
    };
  }
}
