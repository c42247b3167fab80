import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

export interface AuditRecordView {
  readonly seq: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly requestId: string | null;
  readonly eventId: string | null;
  readonly detail: unknown;
}

/** Entity types under which this service appends audit records. */
export type AuditEntityType = 'member' | 'transfer' | 'funding-application' | 'course' | 'training-session' | 'activity';

/** Reads one record's rows of the hash-chained audit log (`GET /<records>/:id/audit`). */
@Injectable()
export class AuditTrailService {
  constructor(private readonly prisma: PrismaService) {}

  async of(entityType: AuditEntityType, entityId: string): Promise<{ items: AuditRecordView[] }> {
    const rows = await this.prisma.runtimeAudit.findMany({ where: { entityType, entityId }, orderBy: { seq: 'asc' } });
    return {
      items: rows.map((r) => ({
        seq: String(r.seq),
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        requestId: r.requestId,
        eventId: r.eventId,
        detail: r.detail,
      })),
    };
  }
}
