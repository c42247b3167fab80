import { Injectable } from '@nestjs/common';
import { EVENTS, type EventDataInput } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { businessTime, toDbDate } from '../../common/business-time';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionTransfer } from '../transfer-transition';
import { originOf, toTransferView, type TransferRow, type TransferView } from '../transfer.view';
import type { LandTransferCommand } from './land-transfer.command';

/**
 * The catalogue payload of a landed transfer, from the stored row (so the
 * event carries exactly what was committed, e.g. "2000000.00" not "2000000").
 */
export function achievementTransferredOf(row: TransferRow): EventDataInput<'service.achievement.transferred.v1'> {
  const view = toTransferView(row);
  if (view.receiver === null || view.mode === null || view.contractAmount === null || view.landedOn === null) {
    // The lifecycle guarantees these from landing on; reaching here is a bug, not a user error.
    throw new Error(`transfer ${row.id} is not a complete landing (receiver, mode, amount, date)`);
  }
  return {
    transferId: row.id,
    achievement: { title: row.title, field: view.achievement.field, ...(row.achievementId !== null && { id: row.achievementId }) },
    origin: originOf(row),
    receiver: { kind: view.receiver.kind, name: view.receiver.name, ...(view.receiver.park !== null && { park: view.receiver.park }) },
    mode: view.mode,
    contractAmount: view.contractAmount,
    landedOn: view.landedOn,
    ...(row.projectId !== null && { projectId: row.projectId }),
  };
}

@Injectable()
export class LandTransferHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(id: string, command: LandTransferCommand, ctx: CommandContext): Promise<TransferView> {
    return this.prisma.$transaction(async (tx) => {
      const { after } = await transitionTransfer(tx, {
        id,
        version: command.version,
        to: 'landed',
        data: {
          mode: command.mode,
          contractAmount: command.contractAmount.amount,
          landedOn: toDbDate(command.landedOn),
          landedAt: command.landedAt === undefined ? null : new Date(command.landedAt),
        },
      });
      // `time` is the landing's business time, not now: the KPI service counts
      // the Asia/Shanghai year of `time`, and the demo replays a past year.
      const event = await this.events.publish(tx, EVENTS.achievementTransferred, achievementTransferredOf(after), {
        time: businessTime(command.landedOn, command.landedAt),
      });
      await appendAudit(tx, {
        ...ctx,
        action: 'transfer.landed',
        entityType: 'transfer',
        entityId: id,
        eventId: event.id,
        detail: { mode: command.mode, contractAmount: command.contractAmount, landedOn: command.landedOn, landedAt: command.landedAt ?? null },
      });
      return toTransferView(after);
    });
  }
}
