import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EVENTS, SourceSchema, type EventDataInput } from '@tjc/contracts';
import { appendAudit } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import type { Tx } from '../../prisma.service';
import { identityKeyOf } from './identity-key';

/** Stages one center.event.corrected.v1 as tjc/research-network (from a consumer or an HTTP handler). */
export type PublishCorrection = (data: EventDataInput<typeof EVENTS.eventCorrected>) => Promise<unknown>;

export type LinkKind = 'reference' | 'reused-id' | 'reconciliation';

const WHY: Record<LinkKind, { zh: string; en: string }> = {
  reference: { zh: '合作方报告引用了平台项目编号', en: 'the partner referenced the platform project id' },
  'reused-id': { zh: '合作方以平台项目编号报告', en: 'the partner reported under the platform project id' },
  reconciliation: { zh: '科研网络协调员确认', en: 'confirmed by the research coordinator' },
};

/** What the KPI lineage says of a report that did not count. */
export function coReportReason(projectId: string, kind: LinkKind): string {
  return `与项目 ${projectId} 为同一项目（${WHY[kind].zh}），该报告不重复计入 / co-report of project ${projectId} (${WHY[kind].en}); not counted again`;
}

export const FOUND_TYPE = 'research.project.found.v1';

/**
 * One identity per project across sources (ADR 0016). The research network
 * is the authority: a partner's report of a platform project is linked to it
 * as a co-report, and each such report's found event is retracted in the KPI
 * (the canonical project counts once; the lineage says why). Unlinking
 * restores each report by amending it with its own data.
 */
@Injectable()
export class ProjectIdentityService {
  /** Links every still-unlinked report of (source, reportedProjectId) to `canonicalId` and retracts each in the KPI. */
  async link(tx: Tx, publish: PublishCorrection, source: string, reportedProjectId: string, canonicalId: string, kind: LinkKind, actor: string): Promise<number> {
    const reports = await tx.partnerProjectReport.findMany({ where: { source, reportedProjectId, linkedProjectId: null }, orderBy: { time: 'asc' } });
    const reason = coReportReason(canonicalId, kind);
    for (const r of reports) {
      await tx.partnerProjectReport.update({ where: { source_eventId: { source: r.source, eventId: r.eventId } }, data: { linkedProjectId: canonicalId, linkKind: kind } });
      await publish({ correctionId: `identity-${randomUUID()}`, target: { source: SourceSchema.parse(r.source), id: r.eventId, type: FOUND_TYPE }, action: 'retract', reason });
    }
    if (reportedProjectId !== canonicalId) {
      // The partner's own row (if it was imported as a project) now points at the one that counts.
      await tx.project.updateMany({ where: { id: reportedProjectId, source }, data: { sameAsProjectId: canonicalId, version: { increment: 1 } } });
    }
    await appendAudit(tx, {
      actor,
      action: 'project.co-report-linked',
      entityType: 'project',
      entityId: canonicalId,
      detail: { kind, source, reportedProjectId, events: reports.map((r) => r.eventId), reason },
    });
    return reports.length;
  }

  /** The undo of a reconciliation: the reports count again (an amendment with their own data supersedes the retraction). */
  async unlink(tx: Tx, publish: PublishCorrection, source: string, reportedProjectId: string, canonicalId: string, actor: string): Promise<number> {
    const reports = await tx.partnerProjectReport.findMany({ where: { source, reportedProjectId, linkedProjectId: canonicalId, linkKind: 'reconciliation' }, orderBy: { time: 'asc' } });
    const reason = `撤销与项目 ${canonicalId} 为同一项目的确认，该报告重新计入 / the link to project ${canonicalId} was undone; the report counts again`;
    for (const r of reports) {
      await tx.partnerProjectReport.update({ where: { source_eventId: { source: r.source, eventId: r.eventId } }, data: { linkedProjectId: null, linkKind: null } });
      await publish({ correctionId: `identity-${randomUUID()}`, target: { source: SourceSchema.parse(r.source), id: r.eventId, type: FOUND_TYPE }, action: 'amend', reason, replacement: r.data as Record<string, unknown> });
    }
    await tx.project.updateMany({ where: { id: reportedProjectId, source, sameAsProjectId: canonicalId }, data: { sameAsProjectId: null, version: { increment: 1 } } });
    await appendAudit(tx, { actor, action: 'project.co-report-unlinked', entityType: 'project', entityId: canonicalId, detail: { source, reportedProjectId, events: reports.map((r) => r.eventId), reason } });
    return reports.length;
  }

  /**
   * A found project's identity key is set, and every other found project of
   * another source with the same key (and not already linked) becomes a
   * suspected duplicate for the coordinator. Pairs of our own projects are not
   * suspected: one pipeline, one coordinator.
   */
  async suspect(tx: Tx, projectId: string, title: string, institutionName: string, actor: string): Promise<number> {
    const key = identityKeyOf(title, institutionName);
    // One suspicion check at a time (consumer, boot backfill, replicas): two reports of one project keyed in
    // concurrent transactions would each miss the other, uncommitted, and no suspicion would be queued.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext('research.project-identity'))`);
    const project = await tx.project.update({ where: { id: projectId }, data: { identityKey: key } });
    if (project.sameAsProjectId !== null) return 0;
    const others = await tx.project.findMany({ where: { identityKey: key, id: { not: projectId }, source: { not: project.source }, sameAsProjectId: null, foundAt: { not: null } } });
    let created = 0;
    for (const other of others) {
      const [canonical, duplicate] = canonicalFirst(project, other);
      const pair: Prisma.ProjectReconciliationWhereInput = {
        OR: [
          { canonicalProjectId: canonical.id, duplicateProjectId: duplicate.id },
          { canonicalProjectId: duplicate.id, duplicateProjectId: canonical.id },
        ],
      };
      if ((await tx.projectReconciliation.count({ where: pair })) > 0) continue;
      const id = randomUUID();
      await tx.projectReconciliation.create({ data: { id, canonicalProjectId: canonical.id, duplicateProjectId: duplicate.id, identityKey: key, status: 'pending' } });
      await appendAudit(tx, { actor, action: 'project.duplicate-suspected', entityType: 'project-reconciliation', entityId: id, detail: { canonicalProjectId: canonical.id, duplicateProjectId: duplicate.id, identityKey: key } });
      created += 1;
    }
    return created;
  }
}

interface Candidate {
  readonly id: string;
  readonly source: string;
  readonly foundAt: Date | null;
}

/**
 * Which of two reports of one project counts: ours when one is ours (the
 * platform's id is the identity, and only a partner's event may be retracted
 * by the research network); between two partners, the earlier found, then the
 * smaller id.
 */
export function canonicalFirst<T extends Candidate>(a: T, b: T): [T, T] {
  if (a.source === 'tjc/research-network' && b.source !== 'tjc/research-network') return [a, b];
  if (b.source === 'tjc/research-network' && a.source !== 'tjc/research-network') return [b, a];
  const ta = a.foundAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  const tb = b.foundAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return ta < tb || (ta === tb && a.id < b.id) ? [a, b] : [b, a];
}
