import { ConflictException, Injectable } from '@nestjs/common';
import { EVENTS } from '@tjc/contracts';
import { appendAudit, EventPublisher, type Page } from '@tjc/runtime';
import type { ProjectReconciliation } from '../../generated/prisma/client';
import { notFound, staleVersion } from '../../common/http-errors';
import type { WriteContext } from '../../common/write-context';
import { PrismaService, type Tx } from '../../prisma.service';
import { ProjectIdentityService, type PublishCorrection } from './project-identity.service';
import type { DecideReconciliationCommand, ListReconciliationsQuery, ProjectReportsQuery } from './reconcile-projects.command';

interface ProjectSummary {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly institutionName: string;
  readonly foundAt: string | null;
}

export interface ReconciliationView {
  readonly id: string;
  readonly status: string;
  readonly identityKey: string;
  /** The project that counts if confirmed (null only if it was removed since). */
  readonly canonical: ProjectSummary | null;
  readonly duplicate: ProjectSummary | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly note: string | null;
  readonly version: number;
  readonly createdAt: string;
}

export interface PartnerReportView {
  readonly source: string;
  readonly eventId: string;
  readonly reportedProjectId: string;
  readonly linkedProjectId: string | null;
  readonly linkKind: string | null;
  readonly refusal: string | null;
  readonly time: string;
  readonly data: unknown;
}

/** The reconciliation queue of suspected duplicates, and the coordinator's decision (ADR 0016). */
@Injectable()
export class ReconcileProjectsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
    private readonly identity: ProjectIdentityService,
  ) {}

  async list(query: ListReconciliationsQuery): Promise<Page<ReconciliationView>> {
    const where = query.status ? { status: query.status } : {};
    const [rows, total] = await Promise.all([
      this.prisma.projectReconciliation.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.projectReconciliation.count({ where }),
    ]);
    return { items: await this.views(rows), total, limit: query.limit, offset: query.offset };
  }

  private async views(rows: readonly ProjectReconciliation[]): Promise<ReconciliationView[]> {
    const ids = [...new Set(rows.flatMap((r) => [r.canonicalProjectId, r.duplicateProjectId]))];
    const projects = new Map((await this.prisma.project.findMany({ where: { id: { in: ids } } })).map((p) => [p.id, p]));
    const summary = (id: string): ProjectSummary | null => {
      const p = projects.get(id);
      return p ? { id: p.id, source: p.source, title: p.title, institutionName: p.institutionName, foundAt: p.foundAt?.toISOString() ?? null } : null;
    };
    return rows.map((r) => view(r, summary(r.canonicalProjectId), summary(r.duplicateProjectId)));
  }

  /** pending → confirmed: the duplicate's reports become co-reports of the canonical project and stop counting. */
  confirm(id: string, cmd: DecideReconciliationCommand, ctx: WriteContext): Promise<ReconciliationView> {
    return this.decide(id, cmd, ctx, ['pending'], 'confirmed', async (tx, r, publish) => {
      const duplicate = await tx.project.findUniqueOrThrow({ where: { id: r.duplicateProjectId } });
      await this.identity.link(tx, publish, duplicate.source, duplicate.id, r.canonicalProjectId, 'reconciliation', ctx.actor);
    });
  }

  /** pending → rejected (both count), or confirmed → rejected: the undo, the duplicate's reports count again. */
  reject(id: string, cmd: DecideReconciliationCommand, ctx: WriteContext): Promise<ReconciliationView> {
    return this.decide(id, cmd, ctx, ['pending', 'confirmed'], 'rejected', async (tx, r, publish) => {
      if (r.status !== 'confirmed') return;
      const duplicate = await tx.project.findUniqueOrThrow({ where: { id: r.duplicateProjectId } });
      await this.identity.unlink(tx, publish, duplicate.source, duplicate.id, r.canonicalProjectId, ctx.actor);
    });
  }

  private async decide(
    id: string,
    cmd: DecideReconciliationCommand,
    ctx: WriteContext,
    from: readonly string[],
    to: 'confirmed' | 'rejected',
    apply: (tx: Tx, r: ProjectReconciliation, publish: PublishCorrection) => Promise<void>,
  ): Promise<ReconciliationView> {
    const updated = await this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM project_reconciliation WHERE id = ${id} FOR UPDATE`;
      if (!locked) throw notFound('reconciliation', id);
      const r = await tx.projectReconciliation.findUniqueOrThrow({ where: { id } });
      if (!from.includes(r.status)) {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `该疑似重复已${r.status === 'confirmed' ? '确认为同一项目' : '驳回'}，不能再${to === 'confirmed' ? '确认' : '驳回'} / reconciliation ${id} is already ${r.status}; it cannot be ${to}`,
          currentStatus: r.status,
        });
      }
      if (r.version !== cmd.version) throw staleVersion('reconciliation', id, r.version);
      const publish: PublishCorrection = (data) => this.events.publish(tx, EVENTS.eventCorrected, data);
      await apply(tx, r, publish);
      const next = await tx.projectReconciliation.update({
        where: { id },
        data: { status: to, decidedBy: ctx.actor, decidedAt: new Date(), note: cmd.note ?? null, version: { increment: 1 } },
      });
      await appendAudit(tx, {
        actor: ctx.actor,
        action: `project.reconciliation-${to}`,
        entityType: 'project-reconciliation',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { from: r.status, to, canonicalProjectId: r.canonicalProjectId, duplicateProjectId: r.duplicateProjectId, note: cmd.note ?? null },
      });
      return next;
    });
    const [decided] = await this.views([updated]);
    return decided!;
  }

  /** A project's partner reports: its own (a partner project) and the co-reports linked to it, with any refusal. */
  async reports(projectId: string, query: ProjectReportsQuery): Promise<Page<PartnerReportView>> {
    const project = await this.prisma.project.findUnique({ where: { id: projectId } });
    if (!project) throw notFound('project', projectId);
    const where = { OR: [{ linkedProjectId: projectId }, { source: project.source, reportedProjectId: projectId }] };
    const [rows, total] = await Promise.all([
      this.prisma.partnerProjectReport.findMany({ where, orderBy: [{ time: 'asc' }, { eventId: 'asc' }], take: query.limit, skip: query.offset }),
      this.prisma.partnerProjectReport.count({ where }),
    ]);
    return {
      items: rows.map((r) => ({
        source: r.source,
        eventId: r.eventId,
        reportedProjectId: r.reportedProjectId,
        linkedProjectId: r.linkedProjectId,
        linkKind: r.linkKind,
        refusal: r.refusal,
        time: r.time.toISOString(),
        data: r.data,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}

function view(r: ProjectReconciliation, canonical: ProjectSummary | null, duplicate: ProjectSummary | null): ReconciliationView {
  return {
    id: r.id,
    status: r.status,
    identityKey: r.identityKey,
    canonical,
    duplicate,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    note: r.note,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  };
}
