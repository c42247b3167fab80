import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, isPartnerSource, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, OnEvent, PermanentError, staleRepublication, type ReliableEventContext } from '@tjc/runtime';
import { Prisma } from '../../generated/prisma/client';
import type { Tx } from '../../prisma.service';

/**
 * Projects found by HQ, the Hebei Center or the Xiong'an Center join our
 * pipeline as `found`, with their source: they can then be matched with
 * resources and go into joint research like our own.
 */
@Controller()
export class ImportPartnerProjectConsumer {
  private readonly logger = new Logger(ImportPartnerProjectConsumer.name);

  @OnEvent(EVENTS.projectFound)
  async onProjectFound(@Payload() event: PlatformEvent<'research.project.found.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    // The research topic carries our own found events too; they are already here.
    if (!isPartnerSource(event.source)) return;
    const d = event.data;
    const existing = await ctx.tx.project.findUnique({ where: { id: d.projectId } });
    if (existing && existing.source !== event.source) {
      // Two systems claiming one project id: ops must look, not a silent overwrite.
      throw new PermanentError(`project id ${d.projectId} from ${event.source} is already used by ${existing.source}`);
    }
    // A re-publication older than the version held (a May version after the June one) is recorded, not applied.
    const stale = existing && staleRepublication(existing.foundAt, event.time);
    if (stale) {
      await appendAudit(ctx.tx, { actor: `event:${event.source}`, action: 'project.partner-update-skipped', entityType: 'project', entityId: d.projectId, eventId: event.id, detail: { ...stale, title: d.title } });
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
      actor: `event:${event.source}`,
      action: existing ? 'project.partner-updated' : 'project.partner-imported',
      entityType: 'project',
      entityId: d.projectId,
      eventId: event.id,
      detail: { title: d.title, institution: d.institution, field: d.field, trl: d.trl, foundAt: event.time },
    });
  }
}
