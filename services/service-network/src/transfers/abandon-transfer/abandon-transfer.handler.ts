import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionTransfer } from '../transfer-transition';
import { toTransferView, type TransferView } from '../transfer.view';
import type { AbandonTransferCommand } from './abandon-transfer.command';

@Injectable()
export class AbandonTransferHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, command: AbandonTransferCommand, ctx: CommandContext): Promise<TransferView> {
    return this.prisma.$transaction(async (tx) => {
      const { before, after } = await transitionTransfer(tx, { id, version: command.version, to: 'abandoned', data: { abandonReason: command.reason } });
      await appendAudit(tx, { ...ctx, action: 'transfer.abandoned', entityType: 'transfer', entityId: id, detail: { from: before.status, reason: command.reason } });
      return toTransferView(after);
    });
  }
}
