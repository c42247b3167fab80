import { Injectable } from '@nestjs/common';
import { auditTrail, type AuditTrailRecord } from '@tjc/runtime';
import { PrismaService } from '../prisma.service';

export type AuditRecordView = AuditTrailRecord;

/** Entity types under which this service appends audit records. */
export type AuditEntityType = 'member' | 'transfer' | 'funding-application' | 'course' | 'training-session' | 'activity';

/** Reads one record's rows of the hash-chained audit log (`GET /<records>/:id/audit`). */
@Injectable()
export class AuditTrailService {
  constructor(private readonly prisma: PrismaService) {}

  async of(entityType: AuditEntityType, entityId: string): Promise<{ items: AuditRecordView[] }> {
    const { items } = await auditTrail(this.prisma, entityType, entityId);
    return { items };
  }
}
