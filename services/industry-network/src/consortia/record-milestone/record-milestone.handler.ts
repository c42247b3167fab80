import { Injectable } from '@nestjs/common';
import { EVENTS } from '@tjc/contracts';
import { EventPublisher } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { businessTime, fromDbDate, toDbDate } from '../../shared/business-time';
import { fieldError, notFound, transitionOrConflict } from '../../shared/http-errors';
import { newId } from '../../shared/ids';
import { stateOf } from '../../shared/state-machine';
import { assertOwnConsortium, ConsortiumStateMachine } from '../consortium.state-machine';
import { milestoneView } from '../read-consortia/read-consortia.handler';
import type { RecordMilestoneCommand } from './record-milestone.command';

/**
 * Records a joint research milestone of a formed consortium. Like an
 * application to a challenge, a milestone adds to the consortium without
 * changing it, so the row is locked rather than versioned: a conclusion
 * running at the same time cannot slip between the check and the insert.
 */
@Injectable()
export class RecordMilestoneHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(consortiumId: string, cmd: RecordMilestoneCommand, who: Actor) {
    const reached = businessTime(cmd.reachedOn);
    return this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM consortium WHERE id = $1 FOR UPDATE`, consortiumId);
      if (!locked) throw notFound('创新联合体 consortium', consortiumId);
      const consortium = await tx.consortium.findUniqueOrThrow({ where: { id: consortiumId } });
      assertOwnConsortium(consortium);
      transitionOrConflict(ConsortiumStateMachine, '创新联合体 consortium', consortiumId, stateOf(ConsortiumStateMachine, consortium.status), 'record-milestone');
      if (consortium.formedOn !== null && reached.date < fromDbDate(consortium.formedOn)) {
        throw fieldError('reachedOn', 'before_formation', `不能早于组建日期 ${fromDbDate(consortium.formedOn)} / must not be before the formation date`);
      }
      const id = newId('ms');
      const row = await tx.consortiumMilestone.create({ data: { id, consortiumId, title: cmd.title, reachedOn: toDbDate(reached.date), note: cmd.note ?? null } });
      const event = await this.events.publish(
        tx,
        EVENTS.consortiumMilestoneReached,
        { consortiumId, milestoneId: id, title: cmd.title, reachedOn: reached.date, ...(cmd.note !== undefined && { note: cmd.note }) },
        { time: reached.time },
      );
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await audit(tx, { ...who, eventId: event.id }, 'consortium.milestone-reached', 'consortium', consortiumId, { milestoneId: id, title: cmd.title, reachedOn: reached.date, ...(cmd.note !== undefined && { note: cmd.note }) });
      return milestoneView(row);
    });
  }
}
