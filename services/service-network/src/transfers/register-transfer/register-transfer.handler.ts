import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { TRANSFER_INCLUDE, toTransferView, type TransferView } from '../transfer.view';
import type { RegisterTransferCommand } from './register-transfer.command';

@Injectable()
export class RegisterTransferHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(command: RegisterTransferCommand, ctx: CommandContext): Promise<TransferView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.transfer.create({
        data: {
          channel: 'coordinator',
          achievementId: command.achievement.id ?? null,
          projectId: command.projectId ?? null,
          title: command.achievement.title,
          field: command.achievement.field,
          summary: command.achievement.summary ?? null,
          askingPrice: command.askingPrice?.amount ?? null,
          originName: command.origin.name,
          originRegion: command.origin.region,
          originType: command.origin.type ?? null,
          originId: command.origin.id ?? null,
        },
        include: TRANSFER_INCLUDE,
      });
      await appendAudit(tx, { ...ctx, action: 'transfer.registered', entityType: 'transfer', entityId: row.id, detail: { ...command } });
      return toTransferView(row);
    });
  }
}
