import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionTransfer } from '../transfer-transition';
import { toTransferView, type TransferView } from '../transfer.view';
import type { NegotiateTransferCommand } from './negotiate-transfer.command';

@Injectable()
export class NegotiateTransferHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, command: NegotiateTransferCommand, ctx: CommandContext): Promise<TransferView> {
    return this.prisma.$transaction(async (tx) => {
      const { after } = await transitionTransfer(tx, { id, version: command.version, to: 'negotiating', data: { negotiationNote: command.note ?? null } });
      await appendAudit(tx, { ...ctx, action: 'transfer.negotiation-started', entityType: 'transfer', entityId: id, detail: { note: command.note ?? null } });
      return toTransferView(after);
    });
  }
}
