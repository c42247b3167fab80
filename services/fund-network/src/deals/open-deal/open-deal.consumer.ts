import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, TransferMode, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, OnEvent, type ReliableEventContext } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';
import { OpenDealHandler, type AuditContext } from './open-deal.handler';

function auditOf(event: PlatformEvent): AuditContext {
  return { actor: `event:${event.source}`, eventId: event.id };
}

/**
 * Opens deal opportunities from other networks' facts. The inbox (ctx.tx)
 * makes each event's effect exactly-once; the unique transferId / projectId
 * columns make a re-sent fact under a NEW event id a no-op too.
 */
@Controller()
export class OpenDealConsumer {
  constructor(private readonly deals: OpenDealHandler) {}

  @OnEvent(EVENTS.achievementTransferred)
  async onAchievementTransferred(@Payload() event: PlatformEvent<'service.achievement.transferred.v1'>, @Ctx() ctx: ReliableEventContext<Tx>) {
    const d = event.data;
    // Funds invest in companies; an achievement landed with a park has no investee yet.
    if (d.receiver.kind !== 'company') return;
    if (await ctx.tx.deal.findUnique({ where: { transferId: d.transferId }, select: { id: true } })) return;

    if (d.projectId !== undefined) {
      // The project already has an opportunity (from research.project.found): link the transfer to it
      // rather than open a second deal for the same technology.
      const projectDeal = await ctx.tx.deal.findUnique({ where: { projectId: d.projectId } });
      if (projectDeal) {
        if (projectDeal.transferId === null) {
          await ctx.tx.deal.update({ where: { id: projectDeal.id }, data: { transferId: d.transferId, version: { increment: 1 } } });
          await appendAudit(ctx.tx, { ...auditOf(event), action: 'deal.linked-to-transfer', entityType: 'deal', entityId: projectDeal.id, detail: { transferId: d.transferId } });
        }
        return;
      }
    }

    await this.deals.openInTx(
      ctx.tx,
      {
        origin: 'transfer',
        title: d.achievement.title,
        investee: { name: d.receiver.name, region: 'tianjin', type: 'enterprise' },
        field: d.achievement.field,
        summary: `${d.origin.name}成果以“${TransferMode.label(d.mode)}”方式落地${d.receiver.name}`,
        ...(d.receiver.park !== undefined && { targetPark: d.receiver.park }),
        transferId: d.transferId,
        ...(d.projectId !== undefined && { projectId: d.projectId }),
      },
      auditOf(event),
    );
  }

  @OnEvent(EVENTS.projectFound)
  async onProjectFound(@Payload() event: PlatformEvent<'research.project.found.v1'>, @Ctx() ctx: ReliableEventContext<Tx>) {
    const d = event.data;
    // Only a project with a plan to land in Tianjin is something a fund here can invest in.
    if (d.landingPlan === undefined) return;
    if (await ctx.tx.deal.findUnique({ where: { projectId: d.projectId }, select: { id: true } })) return;
    await this.deals.openInTx(
      ctx.tx,
      {
        origin: 'project',
        title: d.title,
        investee: d.institution,
        field: d.field,
        summary: d.landingPlan.summary,
        ...(d.landingPlan.targetPark !== undefined && { targetPark: d.landingPlan.targetPark }),
        ...(d.landingPlan.fundingNeed !== undefined && { fundingNeed: d.landingPlan.fundingNeed }),
        projectId: d.projectId,
      },
      auditOf(event),
    );
  }
}
