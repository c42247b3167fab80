import { Injectable } from '@nestjs/common';
import { isUniqueViolation } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { businessTime, toDbDate } from '../../shared/business-time';
import { conflict, notFound, transitionOrConflict } from '../../shared/http-errors';
import { newId } from '../../shared/ids';
import { stateOf } from '../../shared/state-machine';
import { ChallengeStateMachine } from '../challenge.state-machine';
import { applicationView } from '../read-challenges/read-challenges.handler';
import type { ApplyToChallengeCommand } from './apply-to-challenge.command';

/**
 * Records an application while the challenge is published. The challenge row
 * is locked (FOR UPDATE) rather than versioned: applications do not change
 * the challenge, so they must not make a coordinator's award stale, but an
 * award or cancellation running at the same time must not slip in between
 * the state check and the insert.
 */
@Injectable()
export class ApplyToChallengeHandler {
  constructor(private readonly prisma: PrismaService) {}

  async execute(challengeId: string, cmd: ApplyToChallengeCommand, who: Actor) {
    const submitted = businessTime(cmd.submittedOn);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const [locked] = await tx.$queryRawUnsafe<{ status: string }[]>(`SELECT status FROM challenge WHERE id = $1 FOR UPDATE`, challengeId);
        if (!locked) throw notFound('榜单 challenge', challengeId);
        transitionOrConflict(ChallengeStateMachine, '榜单 challenge', challengeId, stateOf(ChallengeStateMachine, locked.status), 'apply');
        const duplicate = await tx.challengeApplication.findFirst({ where: { challengeId, institutionName: cmd.institution.name } });
        if (duplicate) throw conflict(`${cmd.institution.name} 已揭榜申请 / already applied`, { existingId: duplicate.id });
        const id = newId('app');
        const row = await tx.challengeApplication.create({
          data: {
            id,
            challengeId,
            institutionId: cmd.institution.id ?? null,
            institutionName: cmd.institution.name,
            institutionRegion: cmd.institution.region,
            institutionType: cmd.institution.type ?? null,
            proposal: cmd.proposal,
            status: 'submitted',
            submittedOn: toDbDate(submitted.date),
          },
        });
        await audit(tx, who, 'challenge.application-received', 'challenge', challengeId, { applicationId: id, institution: cmd.institution, submittedOn: submitted.date });
        return applicationView(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`${cmd.institution.name} 已揭榜申请 / already applied`);
      throw error;
    }
  }
}
