import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import type { CommandContext } from '../../common/command-context';
import { assertUpdated, assertVersion, notFound } from '../../common/concurrency';
import { assertTransition } from '../../common/state-machine';
import { PrismaService } from '../../prisma.service';
import { EnrolmentStateMachine } from '../enrolment.state-machine';
import { lockSession } from '../session-lock';
import { ENROLMENT_LABEL, toEnrolmentView, type EnrolmentView } from '../training.view';
import type { WithdrawEnrolmentCommand } from './withdraw-enrolment.command';

@Injectable()
export class WithdrawEnrolmentHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(sessionId: string, enrolmentId: string, command: WithdrawEnrolmentCommand, ctx: CommandContext): Promise<EnrolmentView> {
    return this.prisma.$transaction(async (tx) => {
      await lockSession(tx, sessionId);
      const before = await tx.enrolment.findFirst({ where: { id: enrolmentId, sessionId } });
      if (!before) throw notFound(ENROLMENT_LABEL, enrolmentId);
      assertTransition(EnrolmentStateMachine, before.status, 'withdrawn');
      assertVersion(ENROLMENT_LABEL, before.version, command.version);
      const { count } = await tx.enrolment.updateMany({
        where: { id: enrolmentId, version: command.version },
        data: { status: 'withdrawn', withdrawnAt: new Date(), version: { increment: 1 } },
      });
      assertUpdated(ENROLMENT_LABEL, count, command.version);
      await appendAudit(tx, { ...ctx, action: 'training-session.enrolment-withdrawn', entityType: 'training-session', entityId: sessionId, detail: { enrolmentId, reason: command.reason ?? null } });
      return toEnrolmentView(await tx.enrolment.findUniqueOrThrow({ where: { id: enrolmentId } }));
    });
  }
}
