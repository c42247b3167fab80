import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, isPartnerSource, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, OnEvent, staleRepublication, type ReliableEventContext } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import type { Tx } from '../../prisma.service';

/**
 * Achievements HQ, Hebei and Xiong'an offer for transfer to Tianjin join the
 * supply list with their source, searchable beside ours.
 */
@Controller()
export class ImportPartnerAchievementConsumer {
  @OnEvent(EVENTS.achievementListed)
  async onListed(@Payload() event: PlatformEvent<'research.achievement.listed.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    // Our own listings come back on the research topic; they are already here.
    if (!isPartnerSource(event.source)) return;
    const d = event.data;
    const existing = await ctx.tx.achievement.findUnique({ where: { id: d.achievementId } });
    if (existing && existing.source !== event.source) {
      const { count } = await ctx.tx.achievementCoReport.createMany({
        data: [{ source: event.source, eventId: event.id, achievementId: existing.id, title: d.title, data: d as unknown as Prisma.InputJsonValue, time: new Date(event.time) }],
        skipDuplicates: true,
      });
      if (count > 0) {
        await appendAudit(ctx.tx, {
          actor: `event:${event.source}`,
          action: 'achievement.co-reported',
          entityType: 'achievement',
          entityId: existing.id,
          eventId: event.id,
          detail: { reportedBy: event.source, heldFrom: existing.source, title: d.title, listedAt: event.time },
        });
      }
      return;
    }
    // A re-listing older than the version held (a May version after the June one) is recorded, not applied.
    const stale = existing && staleRepublication(existing.listedAt, event.time);
    if (stale) {
      await appendAudit(ctx.tx, { actor: `event:${event.source}`, action: 'achievement.partner-update-skipped', entityType: 'achievement', entityId: d.achievementId, eventId: event.id, detail: { ...stale, title: d.title } });
      return;
    }
    const fields = {
      title: d.title,
      field: d.field,
      ownerName: d.owner.name,
      ownerRegion: d.owner.region,
      ownerType: d.owner.type ?? null,
      summary: d.summary,
      ipKind: d.ipKind ?? null,
      askingPrice: d.askingPrice?.amount ?? null,
      projectId: d.projectId ?? null,
      listedAt: new Date(event.time),
    };
    if (existing) {
      // A re-published listing is the partner's correction; the transfer status is ours and stays.
      await ctx.tx.achievement.update({ where: { id: d.achievementId }, data: { ...fields, version: { increment: 1 } } });
    } else {
      await ctx.tx.achievement.create({ data: { id: d.achievementId, source: event.source, status: 'listed', ...fields } });
    }
    await appendAudit(ctx.tx, {
      actor: `event:${event.source}`,
      action: existing ? 'achievement.partner-updated' : 'achievement.partner-imported',
      entityType: 'achievement',
      entityId: d.achievementId,
      eventId: event.id,
      detail: { title: d.title, field: d.field, owner: d.owner, askingPrice: d.askingPrice ?? null, listedAt: event.time },
    });
  }
}
