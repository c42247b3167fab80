import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionTransfer } from '../transfer-transition';
import { toTransferView, type TransferView } from '../transfer.view';
import type { MatchTransferCommand } from './match-transfer.command';

@Injectable()
export class MatchTransferHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, command: MatchTransferCommand, ctx: CommandContext): Promise<TransferView> {
    return this.prisma.$transaction(async (tx) => {
      const { kind, name } = command.receiver;
      // A park receiving in its own name is its own park: keep `park` filled so
      // per-park reports need no special case.
      const park = command.receiver.park ?? (kind === 'park' ? name : null);
      const { after } = await transitionTransfer(tx, {
        id,
        version: command.version,
        to: 'matching',
        data: { receiverKind: kind, receiverName: name, receiverPark: park },
      });
      await appendAudit(tx, { ...ctx, action: 'transfer.matched', entityType: 'transfer', entityId: id, detail: { receiver: { kind, name, park } } });
      return toTransferView(after);
    });
  }
}
