import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { businessTime, fromDbDate, toDbDate } from '../../shared/business-time';
import { assertVersion, fieldError, notFound, staleVersion, transitionOrConflict } from '../../shared/http-errors';
import { stateOf } from '../../shared/state-machine';
import { assertOwnConsortium, ConsortiumStateMachine } from '../consortium.state-machine';
import { consortiumView, withMembers } from '../read-consortia/read-consortia.handler';
import type { ConcludeConsortiumCommand } from './conclude-consortium.command';

/** Concludes the joint research. No event: the catalogue has no conclusion type (see the report). */
@Injectable()
export class ConcludeConsortiumHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, cmd: ConcludeConsortiumCommand, who: Actor) {
    const concluded = businessTime(cmd.concludedOn);
    return this.prisma.$transaction(async (tx) => {
      const consortium = await tx.consortium.findUnique({ where: { id } });
      if (!consortium) throw notFound('创新联合体 consortium', id);
      assertOwnConsortium(consortium);
      assertVersion('创新联合体 consortium', id, consortium.version, cmd.version);
      const from = stateOf(ConsortiumStateMachine, consortium.status);
      const to = transitionOrConflict(ConsortiumStateMachine, '创新联合体 consortium', id, from, 'conclude');
      if (consortium.formedOn !== null && concluded.date < fromDbDate(consortium.formedOn)) {
        throw fieldError('concludedOn', 'before_formation', `不能早于组建日期 ${fromDbDate(consortium.formedOn)} / must not be before the formation date`);
      }
      const { count } = await tx.consortium.updateMany({ where: { id, version: cmd.version, status: from }, data: { status: to, concludedOn: toDbDate(concluded.date), version: { increment: 1 } } });
      if (count === 0) throw staleVersion('创新联合体 consortium', id, (await tx.consortium.findUniqueOrThrow({ where: { id } })).version);
      await audit(tx, who, 'consortium.concluded', 'consortium', id, { from, to, concludedOn: concluded.date, ...(cmd.summary !== undefined && { summary: cmd.summary }) });
      return consortiumView(await tx.consortium.findUniqueOrThrow({ where: { id }, include: withMembers }));
    });
  }
}
