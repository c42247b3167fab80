import { Injectable, NotFoundException } from '@nestjs/common';
import type { Page } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { toDetail, toSummary, type QuarantineDetail, type QuarantineSummary } from '../quarantine.view';
import type { QuarantineListQuery } from './query-quarantine.command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class QueryQuarantineHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: QuarantineListQuery): Promise<Page<QuarantineSummary>> {
    const where: Prisma.QuarantineWhereInput = {
      ...(query.partner && { partner: query.partner }),
      ...(query.status && { status: query.status }),
      ...(query.kind && { kind: query.kind }),
      ...(query.channel && { channel: query.channel }),
      ...(query.webhookId && { webhookId: query.webhookId }),
    };
    const [rows, total] = await Promise.all([
      this.prisma.quarantine.findMany({
        where,
        orderBy: [{ [query.sort.field]: query.sort.direction }, { batchIndex: 'asc' }, { id: 'asc' }],
        take: query.limit,
        skip: query.offset,
        omit: { raw: true },
      }),
      this.prisma.quarantine.count({ where }),
    ]);
    return { items: rows.map(toSummary), total, limit: query.limit, offset: query.offset };
  }

  async get(id: string): Promise<QuarantineDetail> {
    const row = UUID.test(id) ? await this.prisma.quarantine.findUnique({ where: { id } }) : null;
    if (!row) throw new NotFoundException(`quarantine entry ${id} not found`);
    return toDetail(row);
  }

  /** The record's audit trail (rt_audit), oldest first. */
  async audit(id: string) {
    await this.get(id);
    const rows = await this.prisma.runtimeAudit.findMany({ where: { entityType: 'quarantine', entityId: id }, orderBy: { seq: 'asc' } });
    return rows.map((r) => ({ seq: String(r.seq), at: r.at.toISOString(), actor: r.actor, action: r.action, requestId: r.requestId, detail: r.detail }));
  }
}
