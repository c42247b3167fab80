import { ConflictException, Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { assertSessionIn, lockSession } from '../session-lock';
import { toEnrolmentView, type EnrolmentView } from '../training.view';
import { ENROLLING_STATUSES } from '../training-session.state-machine';
import type { EnrolTraineeCommand } from './enrol-trainee.command';

@Injectable()
export class EnrolTraineeHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(sessionId: string, command: EnrolTraineeCommand, ctx: CommandContext): Promise<EnrolmentView> {
    return this.prisma.$transaction(async (tx) => {
      const session = await lockSession(tx, sessionId);
      assertSessionIn(session, ENROLLING_STATUSES, '报名');
      const existing = await tx.enrolment.findUnique({ where: { sessionId_traineeId: { sessionId, traineeId: command.traineeId } } });
      if (existing) {
        throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `学员 ${command.traineeName} 已报名本班次`, existingId: existing.id, currentState: existing.status });
      }
      if (session.capacity !== null) {
        const taken = await tx.enrolment.count({ where: { sessionId, status: { not: 'withdrawn' } } });
        if (taken >= session.capacity) throw new ConflictException({ statusCode: 409, error: 'Conflict', message: `班次已满（${session.capacity} 人）`, capacity: session.capacity });
      }
      const row = await tx.enrolment.create({ data: { sessionId, traineeId: command.traineeId, traineeName: command.traineeName, organisation: command.organisation ?? null } });
      await appendAudit(tx, { ...ctx, action: 'training-session.enrolled', entityType: 'training-session', entityId: sessionId, detail: { enrolmentId: row.id, ...command } });
      return toEnrolmentView(row);
    });
  }
}
