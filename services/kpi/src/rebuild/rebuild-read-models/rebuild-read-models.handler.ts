import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { EvaluationBuilder } from '../../engine/evaluation-builder.service';
import { KpiEngine } from '../../engine/kpi-engine.service';

export interface RebuildProgress {
  readonly id: string;
  readonly status: string;
  readonly processed: number;
  readonly total: number;
  readonly requestedBy: string;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly error: string | null;
  readonly result: unknown;
  readonly evaluations: number;
}

/**
 * Rebuilds every KPI's read models from the durable event archive: a new
 * evaluation of every (year, KPI) in force, built by the EvaluationBuilder
 * while the live ones keep serving and counting, then all swapped in
 * together (restatements recorded where a closed year's value differs).
 */
@Injectable()
export class RebuildReadModelsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    private readonly builder: EvaluationBuilder,
  ) {}

  async request(actor: string, requestId?: string): Promise<{ id: string; status: string }> {
    const rebuild = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('kpi-rebuild-request'))`;
      const running = await tx.kpiRebuild.findFirst({ where: { status: { in: ['queued', 'running'] } } });
      if (running) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: '已有重建在进行中 / a rebuild is already in progress', currentState: running.status, id: running.id });
      const id = randomUUID();
      await tx.kpiRebuild.create({ data: { id, status: 'running', requestedBy: actor } });
      let evaluations = 0;
      for (const year of await this.engine.definedYears(tx)) {
        for (const d of await this.engine.definitions(tx, year)) if ((await this.engine.reconcileDefinition(tx, year, d.kpiCode, id)) !== undefined) evaluations++;
      }
      if (evaluations === 0) await tx.kpiRebuild.update({ where: { id }, data: { status: 'done', finishedAt: new Date(), result: { years: [], values: {} } } });
      await appendAudit(tx, { actor, action: 'kpi.rebuild.requested', entityType: 'kpi-rebuild', entityId: id, ...(requestId && { requestId }), detail: { source: 'event_archive', evaluations } });
      return { id, status: evaluations === 0 ? 'done' : 'running' };
    });
    this.builder.poke();
    return rebuild;
  }

  /** A rebuild's state; while it runs, processed/total add up its evaluations (archived candidates read and applied). */
  async progress(id: string): Promise<RebuildProgress | undefined> {
    const r = await this.prisma.kpiRebuild.findUnique({ where: { id } });
    if (!r) return undefined;
    const [sum] = await this.prisma.$queryRawUnsafe<{ processed: number; total: number; n: number }[]>(
      `SELECT coalesce(sum(processed), 0)::int AS processed, coalesce(sum(total), 0)::int AS total, count(*)::int AS n FROM kpi_evaluation WHERE rebuild_id = $1::uuid`,
      id,
    );
    const running = r.status === 'running';
    return {
      id: r.id,
      status: r.status,
      processed: running ? (sum?.processed ?? 0) : r.processed,
      total: running ? (sum?.total ?? 0) : r.total,
      requestedBy: r.requestedBy,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      error: r.error,
      result: r.result,
      evaluations: sum?.n ?? 0,
    };
  }
}
