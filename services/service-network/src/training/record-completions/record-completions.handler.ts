import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { CourseType, EVENTS, Region } from '@tjc/contracts';
import { appendAudit, EventPublisher } from '@tjc/runtime';
import { businessTime, toDbDate } from '../../common/business-time';
import type { CommandContext } from '../../common/command-context';
import { PrismaService } from '../../prisma.service';
import { personTimes, planCompletions } from '../person-times';
import { assertSessionIn, lockSession } from '../session-lock';
import { COMPLETING_STATUSES } from '../training-session.state-machine';
import type { RecordCompletionsCommand } from './record-completions.command';

export interface RecordCompletionsResult {
  readonly sessionId: string;
  /** Completed by this request: the person-times it added. */
  readonly completed: readonly { readonly enrolmentId: string; readonly traineeId: string }[];
  /** Completed before: left as they were, not counted again. */
  readonly alreadyCompleted: readonly string[];
  readonly personTimes: number;
  /** The service.training.completed.v1 event, or null when nothing new was completed. */
  readonly eventId: string | null;
}

@Injectable()
export class RecordCompletionsHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(sessionId: string, command: RecordCompletionsCommand, ctx: CommandContext): Promise<RecordCompletionsResult> {
    return this.prisma.$transaction(async (tx) => {
      // The lock makes "is it new?" and "mark it completed" one step per session.
      const session = await lockSession(tx, sessionId);
      assertSessionIn(session, COMPLETING_STATUSES, '登记结业');
      const enrolments = await tx.enrolment.findMany({ where: { sessionId, id: { in: command.enrolmentIds } }, select: { id: true, traineeId: true, status: true } });
      const plan = planCompletions(enrolments, command.enrolmentIds);
      if (plan.unknown.length > 0) {
        throw new NotFoundException({ statusCode: 404, error: 'Not Found', message: `本班次没有这些报名记录: ${plan.unknown.join(', ')}`, unknownEnrolmentIds: plan.unknown });
      }
      if (plan.refused.length > 0) {
        // All or nothing: a half-applied list would leave the coordinator guessing what was recorded.
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `已退出的学员不能结业: ${plan.refused.map((r) => r.enrolmentId).join(', ')}`,
          currentState: plan.refused[0]!.status,
          allowedTransitions: [],
          refusedEnrolmentIds: plan.refused.map((r) => r.enrolmentId),
        });
      }
      if (plan.newlyCompleted.length === 0) {
        return { sessionId, completed: [], alreadyCompleted: plan.alreadyCompleted, personTimes: 0, eventId: null };
      }
      const ids = plan.newlyCompleted.map((c) => c.enrolmentId);
      await tx.enrolment.updateMany({ where: { id: { in: ids }, status: 'enrolled' }, data: { status: 'completed', completedOn: toDbDate(command.completedOn), version: { increment: 1 } } });
      const count = personTimes(plan.newlyCompleted);
      const event = await this.events.publish(
        tx,
        EVENTS.trainingCompleted,
        {
          sessionId,
          courseId: session.courseId,
          courseType: CourseType.schema.parse(session.course.type),
          courseTitle: session.course.title,
          ...(session.partnerRegion !== null && { partnerRegion: Region.schema.parse(session.partnerRegion) }),
          completedOn: command.completedOn,
          completions: [...plan.newlyCompleted],
          personTimes: count,
        },
        // Business time of the completion: the KPI year is the Shanghai year of it.
        { time: businessTime(command.completedOn, command.completedAt) },
      );
      await appendAudit(tx, {
        ...ctx,
        action: 'training-session.completions-recorded',
        entityType: 'training-session',
        entityId: sessionId,
        eventId: event.id,
        detail: { completedOn: command.completedOn, enrolmentIds: ids, alreadyCompleted: plan.alreadyCompleted, personTimes: count },
      });
      return { sessionId, completed: plan.newlyCompleted, alreadyCompleted: plan.alreadyCompleted, personTimes: count, eventId: event.id };
    });
  }
}
