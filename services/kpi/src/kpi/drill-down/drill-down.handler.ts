import { Injectable, NotFoundException } from '@nestjs/common';
import { toShanghaiIso } from '@tjc/contracts';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { endOfShanghaiDay } from '../business-time';
import { KpiEngine } from '../kpi-engine.service';
import type { DrillDownParams, DrillDownQuery } from './drill-down.command';

export interface LineageItem {
  readonly eventId: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly time: string;
  readonly region: string;
  readonly dataversion: string;
  readonly network: string;
  readonly receivedAt: string;
  readonly status: string;
  readonly contribution: number;
  readonly keys: unknown;
  readonly duplicates: unknown;
  readonly reason: string | null;
  readonly correction: unknown;
}

/**
 * "Why is it 9 and not 10": the events behind one KPI of one year, each with
 * what it did — counted (and the units it made), duplicate (of which event),
 * retracted (by which correction), excluded (which filter failed).
 */
@Injectable()
export class DrillDownHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
  ) {}

  async lineage(params: DrillDownParams, query: DrillDownQuery) {
    const definition = (await this.engine.definitions(this.prisma, params.year)).find((d) => d.kpiCode === params.kpiCode);
    if (!definition) throw new NotFoundException(`KPI ${params.kpiCode} is not defined for ${params.year}`);
    const { active } = await this.engine.generations(this.prisma);
    const scope: Prisma.KpiFactWhereInput = { generation: active, year: params.year, kpiCode: params.kpiCode, ...(query.asOf && { time: { lte: endOfShanghaiDay(query.asOf) } }) };
    const where: Prisma.KpiFactWhereInput = { ...scope, ...(query.status && { status: query.status }) };
    const [rows, total, byStatus, value] = await Promise.all([
      this.prisma.kpiFact.findMany({ where, orderBy: [{ time: 'asc' }, { eventSource: 'asc' }, { eventId: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.kpiFact.count({ where }),
      this.prisma.kpiFact.groupBy({ by: ['status'], where: scope, _count: { _all: true } }),
      this.prisma.kpiFact.aggregate({ where: { ...scope, status: 'counted' }, _sum: { contribution: true } }),
    ]);
    const summary = { counted: 0, duplicate: 0, retracted: 0, excluded: 0, ...Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) };
    return {
      year: params.year,
      kpiCode: definition.kpiCode,
      label: definition.label,
      unit: definition.unit,
      target: definition.target,
      value: value._sum.contribution ?? 0,
      asOf: query.asOf ?? null,
      rule: { eventTypes: definition.eventTypes, filters: definition.filters, counting: definition.counting },
      summary,
      items: rows.map(
        (r): LineageItem => ({
          eventId: r.eventId,
          source: r.eventSource,
          type: r.type,
          subject: r.subject,
          time: toShanghaiIso(r.time),
          region: r.region,
          dataversion: r.dataversion,
          network: r.network,
          receivedAt: r.receivedAt.toISOString(),
          status: r.status,
          contribution: r.contribution,
          keys: r.keys,
          duplicates: r.duplicates,
          reason: r.reason,
          correction: r.correction ?? null,
        }),
      ),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
