import { Injectable, NotFoundException } from '@nestjs/common';
import type { Label } from '@tjc/contracts';
import { PrismaService } from '../../prisma.service';
import { endOfShanghaiDay } from '../business-time';
import { KpiEngine } from '../../engine/kpi-engine.service';
import { lineageEvent, LineageReader } from '../../engine/lineage-reader';
import { refOf } from '../../engine/incremental';
import type { DrillDownParams, DrillDownQuery } from './drill-down.command';
import { factDetails, type FactAttribution } from './fact-attribution';

export interface LineageItem {
  readonly eventId: string;
  readonly source: string;
  readonly type: string;
  /** The type's title from the catalogue (null for a type it no longer knows). */
  readonly typeLabel: Label | null;
  /** The kind of record the subject is (project, consortium, transfer…). */
  readonly aggregate: string | null;
  readonly subject: string;
  /** What a person calls that record (a project's title); null when the event names none. */
  readonly headline: string | null;
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
  /** Whose fact it is (#18.17): null only when the event is no longer in the archive. */
  readonly attribution: FactAttribution | null;
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
    private readonly lineages: LineageReader,
  ) {}

  async lineage(params: DrillDownParams, query: DrillDownQuery) {
    const definition = (await this.engine.definitions(this.prisma, params.year)).find((d) => d.kpiCode === params.kpiCode);
    if (!definition) throw new NotFoundException(`KPI ${params.kpiCode} is not defined for ${params.year}`);
    const evaluation = (await this.engine.activeByCode(this.prisma, params.year)).get(params.kpiCode);
    const building = (await this.engine.buildingByCode(this.prisma, params.year)).get(params.kpiCode);
    const page = evaluation
      ? await this.lineages.page(this.prisma, evaluation.id, {
          ...(query.status && { status: query.status }),
          ...(query.asOf && { cutoff: endOfShanghaiDay(query.asOf) }),
          limit: query.limit,
          offset: query.offset,
        })
      : { items: [], total: 0, summary: { counted: 0, duplicate: 0, retracted: 0, excluded: 0 }, value: 0 };
    const details = await factDetails(this.prisma, this.engine, page.items.map((r) => r.fact.event));
    return {
      year: params.year,
      kpiCode: definition.kpiCode,
      label: definition.label,
      unit: definition.unit,
      target: definition.target,
      value: page.value,
      asOf: query.asOf ?? null,
      rule: { eventTypes: definition.eventTypes, filters: definition.filters, counting: definition.counting, regionPath: definition.regionPath ?? null },
      evaluating: building ? { processed: building.processed, total: building.total } : null,
      summary: page.summary,
      items: page.items.map(
        (r): LineageItem => ({
          ...lineageEvent(r),
          receivedAt: r.fact.event.receivedAt.toISOString(),
          status: r.status,
          contribution: r.contribution,
          keys: r.keys,
          duplicates: r.duplicates,
          reason: r.reason,
          correction: r.correction,
          headline: details.get(refOf(r.fact.event))?.headline ?? null,
          attribution: details.get(refOf(r.fact.event))?.attribution ?? null,
        }),
      ),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
