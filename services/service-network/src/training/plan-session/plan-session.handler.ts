import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { toDbDate } from '../../common/business-time';
import type { CommandContext } from '../../common/command-context';
import { notFound } from '../../common/concurrency';
import { PrismaService } from '../../prisma.service';
import { COURSE_LABEL, SESSION_INCLUDE, toSessionView, type SessionView } from '../training.view';
import type { PlanSessionCommand } from './plan-session.command';

@Injectable()
export class PlanSessionHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(command: PlanSessionCommand, ctx: CommandContext): Promise<SessionView> {
    return this.prisma.$transaction(async (tx) => {
      if ((await tx.course.count({ where: { id: command.courseId } })) === 0) throw notFound(COURSE_LABEL, command.courseId);
      const row = await tx.trainingSession.create({
        data: {
          courseId: command.courseId,
          title: command.title,
          startsOn: toDbDate(command.startsOn),
          endsOn: toDbDate(command.endsOn),
          place: command.place,
          partnerRegion: command.partnerRegion ?? null,
          capacity: command.capacity ?? null,
        },
        include: SESSION_INCLUDE,
      });
      await appendAudit(tx, { ...ctx, action: 'training-session.planned', entityType: 'training-session', entityId: row.id, detail: { ...command } });
      return toSessionView(row, { enrolled: 0, completed: 0, withdrawn: 0 });
    });
  }
}
