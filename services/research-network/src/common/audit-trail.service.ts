import { Injectable } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import { PrismaService } from '../prisma.service';

export interface AuditRow {
  readonly seq: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly requestId: string | null;
  readonly eventId: string | null;
  readonly detail: unknown;
}

/** Reads one record's rows of the hash-chained audit log (rt_audit), oldest first. */
@Injectable()
export class AuditTrailService {
  constructor(private readonly prisma: PrismaService) {}

  async trail(entityType: string, entityId: string, limit: number, offset: number): Promise<Page<AuditRow>> {
    const where = { entityType, entityId };
    const [rows, total] = await Promise.all([
      this.prisma.runtimeAudit.findMany({ where, orderBy: { seq: 'asc' }, take: limit, skip: offset }),
      this.prisma.runtimeAudit.count({ where }),
    ]);
    return {
      items: rows.map((r) => ({
        seq: r.seq.toString(),
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        requestId: r.requestId,
        eventId: r.eventId,
        detail: r.detail,
      })),
      total,
      limit,
      offset,
    };
  }
}
