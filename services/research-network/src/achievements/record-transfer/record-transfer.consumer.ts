import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { EVENTS, type PlatformEvent } from '@tjc/contracts';
import { appendAudit, OnEvent, type ReliableEventContext } from '@tjc/runtime';
import type { Tx } from '../../prisma.service';

/**
 * service.achievement.transferred.v1 naming one of the supply list's
 * achievements: it is marked transferred, and the transfer is kept so the
 * list shows where it landed (several licences can land one achievement).
 */
@Controller()
export class RecordTransferConsumer {
  private readonly logger = new Logger(RecordTransferConsumer.name);

  @OnEvent(EVENTS.achievementTransferred)
  async onTransferred(@Payload() event: PlatformEvent<'service.achievement.transferred.v1'>, @Ctx() ctx: ReliableEventContext<Tx>): Promise<void> {
    const d = event.data;
    const achievementId = d.achievement.id;
    // Transfers of achievements never listed here (no id, or someone else's) are not ours to track.
    if (achievementId === undefined) return;
    const achievement = await ctx.tx.achievement.findUnique({ where: { id: achievementId } });
    if (!achievement) {
      this.logger.log(`transfer ${d.transferId} names achievement ${achievementId}, which is not on the supply list; ignored`);
      return;
    }
    // A resend of the same transfer under a new event id changes nothing.
    if ((await ctx.tx.achievementTransfer.count({ where: { transferId: d.transferId } })) > 0) return;

    await ctx.tx.achievementTransfer.create({
      data: {
        transferId: d.transferId,
        achievementId,
        receiverName: d.receiver.name,
        receiverKind: d.receiver.kind,
        park: d.receiver.park ?? null,
        mode: d.mode,
        contractAmount: d.contractAmount.amount,
        landedOn: new Date(`${d.landedOn}T00:00:00Z`),
        eventId: event.id,
      },
    });
    await ctx.tx.achievement.update({ where: { id: achievementId }, data: { status: 'transferred', version: { increment: 1 } } });
    await appendAudit(ctx.tx, {
      actor: `event:${event.source}`,
      action: 'achievement.transferred',
      entityType: 'achievement',
      entityId: achievementId,
      eventId: event.id,
      detail: { transferId: d.transferId, receiver: d.receiver, mode: d.mode, contractAmount: d.contractAmount, landedOn: d.landedOn, from: achievement.status, to: 'transferred' },
    });
  }
}
