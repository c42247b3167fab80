import { randomUUID } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import { EVENTS } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { instantOrNow } from '../../common/business-time';
import type { WriteContext } from '../../common/write-context';
import { PrismaService } from '../../prisma.service';
import { toAchievementView, withTransfers, type AchievementView } from '../achievements.service';
import type { ListAchievementCommand } from './list-achievement.command';

@Injectable()
export class ListAchievementHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  async execute(cmd: ListAchievementCommand, ctx: WriteContext): Promise<AchievementView> {
    const id = randomUUID();
    const listedAt = instantOrNow(cmd.listedAt);
    const achievement = await this.prisma.$transaction(async (tx) => {
      if (cmd.projectId !== undefined && (await tx.project.count({ where: { id: cmd.projectId } })) === 0) {
        throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `projectId: project ${cmd.projectId} not found` });
      }
      const created = await tx.achievement.create({
        data: {
          id,
          source: this.events.source,
          title: cmd.title,
          field: cmd.field,
          ownerName: cmd.owner.name,
          ownerRegion: cmd.owner.region,
          ownerType: cmd.owner.type ?? null,
          summary: cmd.summary,
          ipKind: cmd.ipKind ?? null,
          askingPrice: cmd.askingPrice?.amount ?? null,
          projectId: cmd.projectId ?? null,
          status: 'listed',
          listedAt,
        },
        include: withTransfers,
      });
      const event = await this.events.publish(
        tx,
        EVENTS.achievementListed,
        {
          achievementId: id,
          title: cmd.title,
          field: cmd.field,
          owner: cmd.owner,
          summary: cmd.summary,
          ...(cmd.ipKind !== undefined && { ipKind: cmd.ipKind }),
          ...(cmd.askingPrice !== undefined && { askingPrice: cmd.askingPrice }),
          ...(cmd.projectId !== undefined && { projectId: cmd.projectId }),
        },
        { time: listedAt },
      );
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await appendAudit(tx, {
        eventId: event.id,
        actor: ctx.actor,
        action: 'achievement.listed',
        entityType: 'achievement',
        entityId: id,
        ...(ctx.requestId !== undefined && { requestId: ctx.requestId }),
        detail: { title: cmd.title, field: cmd.field, owner: cmd.owner, askingPrice: cmd.askingPrice ?? null, projectId: cmd.projectId ?? null },
      });
      return created;
    });
    return toAchievementView(achievement);
  }
}
