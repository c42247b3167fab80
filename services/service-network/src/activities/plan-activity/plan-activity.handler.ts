import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { toDbDate } from '../../common/business-time';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { toActivityView, type ActivityView } from '../activity.view';
import type { PlanActivityCommand } from './plan-activity.command';

@Injectable()
export class PlanActivityHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(command: PlanActivityCommand, ctx: CommandContext): Promise<ActivityView> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.activity.create({
        data: {
          type: command.type,
          title: command.title,
          plannedOn: toDbDate(command.plannedOn),
          place: command.place,
          organisers: command.organisers,
          partnerRegions: [...new Set(command.partnerRegions ?? [])],
        },
      });
      await appendAudit(tx, { ...ctx, action: 'activity.planned', entityType: 'activity', entityId: row.id, detail: { ...command } });
      return toActivityView(row);
    });
  }
}
