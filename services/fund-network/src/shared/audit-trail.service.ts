import { Injectable } from '@nestjs/common';
import { PageQuery, type Page } from '@tjc/runtime';
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

interface AuditRow {
  seq: bigint;
  at: Date;
  actor: string;
  action: string;
  request_id: string | null;
  event_id: string | null;
  detail: Record<string, unknown>;
}

/** Reads one record's rows of the hash-chained audit log (`GET /<records>/:id/audit`), oldest first. */
@Injectable()
export class AuditTrail {
  constructor(private readonly prisma: PrismaService) {}

  async list(entityType: AuditedEntity, entityId: string, page: PageQuery): Promise<Page<AuditRecordView>> {
    const [rows, counted] = await Promise.all([
      this.prisma.$queryRawUnsafe<AuditRow[]>(
        `SELECT seq, at, actor, action, request_id, event_id, detail FROM rt_audit
          WHERE entity_type = $1 AND entity_id = $2 ORDER BY seq LIMIT $3 OFFSET $4`,
        entityType,
        entityId,
        page.limit,
        page.offset,
      ),
      this.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_audit WHERE entity_type = $1 AND entity_id = $2`, entityType, entityId),
    ]);
    return {
      items: rows.map((r) => ({
        seq: String(r.seq),
        at: r.at.toISOString(),
        actor: r.actor,
        action: r.action,
        requestId: r.request_id,
        eventId: r.event_id,
        detail: r.detail,
      })),
      total: Number(counted[0]?.n ?? 0),
      limit: page.limit,
      offset: page.offset,
    };
  }
}
