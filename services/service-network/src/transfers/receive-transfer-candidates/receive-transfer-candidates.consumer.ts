import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type Institution, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, OnEvent, staleRepublication, type ReliableEventContext } from '@tjc/runtime';
import type { Prisma } from '../../generated/prisma/client';
import type { Tx } from '../../prisma.service';

type Offer = Pick<Prisma.TransferUncheckedCreateInput, 'title' | 'field' | 'summary' | 'askingPrice' | 'achievementId' | 'projectId'> & { origin: Institution };

function offerColumns(offer: Offer) {
  return {
    title: offer.title,
    field: offer.field,
    summary: offer.summary ?? null,
    askingPrice: offer.askingPrice ?? null,
    ...(offer.achievementId != null && { achievementId: offer.achievementId }),
    ...(offer.projectId != null && { projectId: offer.projectId }),
    originName: offer.origin.name,
    originRegion: offer.origin.region,
    originType: offer.origin.type ?? null,
    originId: offer.origin.id ?? null,
  };
}

/**
 * Achievements offered for transfer become candidates: projects the research
 * network (or a partner in Beijing/Hebei) found, and achievements put on the
 * supply list. A re-published offer refreshes a candidate that is still
 * waiting; once a coordinator has taken it up (matching or later) the record
 * is theirs and an upstream edit must not change what they negotiate.
 */
@Controller()
export class ReceiveTransferCandidatesConsumer {
  @OnEvent(EVENTS.projectFound)
  async onProjectFound(@Payload() event: PlatformEvent<'research.project.found.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    const d = event.data;
    const existing = await ctx.tx.transfer.findFirst({ where: { channel: 'event', projectId: d.projectId }, orderBy: { createdAt: 'asc' } });
    const offer: Offer = {
      title: d.title,
      field: d.field,
      summary: d.landingPlan?.summary ?? d.demonstration.conclusion,
      projectId: d.projectId,
      origin: d.institution,
    };
    await this.upsertCandidate(ctx, event, existing, offer);
  }

  @OnEvent(EVENTS.achievementListed)
  async onAchievementListed(@Payload() event: PlatformEvent<'research.achievement.listed.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    const d = event.data;
    // The achievement of a found project is the same offer: enrich that
    // candidate rather than list the same technology twice.
    const existing =
      (await ctx.tx.transfer.findFirst({ where: { channel: 'event', achievementId: d.achievementId }, orderBy: { createdAt: 'asc' } })) ??
      (d.projectId === undefined ? null : await ctx.tx.transfer.findFirst({ where: { channel: 'event', projectId: d.projectId, achievementId: null }, orderBy: { createdAt: 'asc' } }));
    const offer: Offer = {
      title: d.title,
      field: d.field,
      summary: d.summary,
      askingPrice: d.askingPrice?.amount ?? null,
      achievementId: d.achievementId,
      projectId: d.projectId ?? null,
      origin: d.owner,
    };
    await this.upsertCandidate(ctx, event, existing, offer);
  }

  private async upsertCandidate(
    ctx: ReliableEventContext<Tx>,
    event: PlatformEvent,
    existing: { id: string; status: string; offerType: string | null; offeredAt: Date | null } | null,
    offer: Offer,
  ): Promise<void> {
    const audit = { actor: `event:${event.source}`, eventId: event.id, entityType: 'transfer' };
    const held = { offerType: event.type, offeredAt: new Date(event.time) };
    if (existing === null) {
      const created = await ctx.tx.transfer.create({ data: { channel: 'event', offeredBy: event.source, ...held, ...offerColumns(offer) } });
      await appendAudit(ctx.tx, { ...audit, action: 'transfer.candidate-received', entityId: created.id, detail: { type: event.type, subject: event.subject } });
      return;
    }
    if (existing.status !== 'candidate') {
      await appendAudit(ctx.tx, { ...audit, action: 'transfer.candidate-update-ignored', entityId: existing.id, detail: { type: event.type, subject: event.subject, status: existing.status } });
      return;
    }
    // An offer older than the one of the same kind the candidate holds (a May version after the June one) is recorded, not applied.
    const stale = existing.offerType === event.type ? staleRepublication(existing.offeredAt, event.time) : undefined;
    if (stale) {
      await appendAudit(ctx.tx, { ...audit, action: 'transfer.candidate-update-skipped', entityId: existing.id, detail: { type: event.type, subject: event.subject, ...stale } });
      return;
    }
    await ctx.tx.transfer.update({ where: { id: existing.id }, data: { ...held, ...offerColumns(offer), version: { increment: 1 } } });
    await appendAudit(ctx.tx, { ...audit, action: 'transfer.candidate-refreshed', entityId: existing.id, detail: { type: event.type, subject: event.subject } });
  }
}
