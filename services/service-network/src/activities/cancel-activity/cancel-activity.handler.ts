import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { transitionActivity } from '../activity-transition';
import { toActivityView, type ActivityView } from '../activity.view';
import type { CancelActivityCommand } from './cancel-activity.command';

@Injectable()
export class CancelActivityHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, command: CancelActivityCommand, ctx: CommandContext): Promise<ActivityView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await transitionActivity(tx, { id, version: command.version, to: 'cancelled', data: { cancelReason: command.reason } });
      await appendAudit(tx, { ...ctx, action: 'activity.cancelled', entityType: 'activity', entityId: id, detail: { reason: command.reason } });
      return toActivityView(row);
    });
  }
}
