import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, isPartnerSource, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, OnEvent, staleRepublication, type ReliableEventContext } from '@tjc/runtime';
import { Prisma } from '../../generated/prisma/client';
import type { Tx } from '../../prisma.service';
import { ProjectIdentityService, type LinkKind, type PublishCorrection } from '../reconcile-projects/project-identity.service';

/**
 * Projects found by HQ, the Hebei Center or the Xiong'an Center join our
 * pipeline as `found`, with their source: they can then be matched with
 * resources and go into joint research like our own. A partner's report of a
 * project the platform already has (its `platformProjectId`, or our id sent
 * as its own) is a co-report of ours, not a second project (ADR 0016).
 */
@Controller()
export class ImportPartnerProjectConsumer {
  private readonly logger = new Logger(ImportPartnerProjectConsumer.name);

  constructor(private readonly identity: ProjectIdentityService) {}

  @OnEvent(EVENTS.projectFound)
  async onProjectFound(@Payload() event: PlatformEvent<'research.project.found.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    const d = event.data;
    // The research topic carries our own found events too; the project is already here, but its identity key is set now.
    if (!isPartnerSource(event.source)) {
      if (await ctx.tx.project.count({ where: { id: d.projectId } })) await this.identity.suspect(ctx.tx, d.projectId, d.title, d.institution.name, `event:${event.source}`);
      return;
    }
    const actor = `event:${event.source}`;
    const publish: PublishCorrection = (data) => ctx.publish(EVENTS.eventCorrected, data);
    const existing = await ctx.tx.project.findUnique({ where: { id: d.projectId } });

    // One identity: which platform project (if any) this report is of.
    let target: { id: string; kind: LinkKind } | undefined;
    let refusal: string | undefined;
    if (existing && existing.source !== event.source) {
      // The partner reused our id: that is the project (before: a permanent failure, dead-lettered).
      target = { id: existing.sameAsProjectId ?? existing.id, kind: 'reused-id' };
    } else if (d.platformProjectId !== undefined && d.platformProjectId !== d.projectId) {
      const referenced = await ctx.tx.project.findUnique({ where: { id: d.platformProjectId } });
      if (referenced && referenced.source !== event.source) target = { id: referenced.sameAsProjectId ?? referenced.id, kind: 'reference' };
      else if (referenced) refusal = `引用的平台项目 ${d.platformProjectId} 是本合作方自己的项目，未关联 / platformProjectId ${d.platformProjectId} is this partner's own project; not linked`;
      else refusal = `引用的平台项目 ${d.platformProjectId} 不存在，报告作为合作方自己的项目记录 / platformProjectId ${d.platformProjectId} does not exist; the report stands as the partner's own project`;
    } else if (existing?.sameAsProjectId) {
      // A confirmed duplicate re-published: it stays a co-report of the project that counts.
      target = { id: existing.sameAsProjectId, kind: 'reconciliation' };
    }

    await ctx.tx.partnerProjectReport.createMany({
      data: [{ source: event.source, eventId: event.id, reportedProjectId: d.projectId, data: d as unknown as Prisma.InputJsonValue, time: new Date(event.time), ...(refusal !== undefined && { refusal }) }],
      skipDuplicates: true,
    });
    if (target) {
      await this.identity.link(ctx.tx, publish, event.source, d.projectId, target.id, target.kind, actor);
      this.logger.log(`partner project report ${d.projectId} from ${event.source} linked to ${target.id} as a co-report (${target.kind})`);
      return;
    }
    if (refusal !== undefined) {
      await appendAudit(ctx.tx, { actor, action: 'project.co-report-refused', entityType: 'project', entityId: d.projectId, eventId: event.id, detail: { platformProjectId: d.platformProjectId ?? null, refusal } });
      this.logger.warn(`partner project ${d.projectId} from ${event.source}: ${refusal}`);
    }

    // A re-publication older than the version held (a May version after the June one) is recorded, not applied.
    const stale = existing && staleRepublication(existing.foundAt, event.time);
    if (stale) {
      await appendAudit(ctx.tx, { actor, action: 'project.partner-update-skipped', entityType: 'project', entityId: d.projectId, eventId: event.id, detail: { ...stale, title: d.title } });
      return;
    }
    const fields = {
      title: d.title,
      institutionName: d.institution.name,
      institutionRegion: d.institution.region,
      institutionType: d.institution.type ?? null,
      field: d.field,
      trl: d.trl,
      demonstrationWithHq: d.demonstration.withHq,
      demonstrationConclusion: d.demonstration.conclusion,
      foundAt: new Date(event.time),
    };
    if (existing) {
      // The partner re-published its project (a correction): theirs is the record of truth.
      await ctx.tx.project.update({ where: { id: d.projectId }, data: { ...fields, landingPlan: d.landingPlan ?? Prisma.DbNull, version: { increment: 1 } } });
      this.logger.log(`partner project ${d.projectId} from ${event.source} updated`);
    } else {
      await ctx.tx.project.create({
        data: { id: d.projectId, source: event.source, state: 'found', ...fields, ...(d.landingPlan && { landingPlan: d.landingPlan }) },
      });
    }
    await appendAudit(ctx.tx, {
      actor,
      action: existing ? 'project.partner-updated' : 'project.partner-imported',
      entityType: 'project',
      entityId: d.projectId,
      eventId: event.id,
      detail: { title: d.title, institution: d.institution, field: d.field, trl: d.trl, foundAt: event.time },
    });
    // Same title and institution as a project of another source: a suspected duplicate for the coordinator.
    await this.identity.suspect(ctx.tx, d.projectId, d.title, d.institution.name, actor);
  }
}
