import { Injectable, NotFoundException } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { invalidField } from '../../shared/bad-request.service';
import { fromDbDate, toDbDate } from '../../shared/business-time.service';
import { invalidTransition } from '../../shared/conflicts.service';
import type { Caller } from '../../shared/http-context.service';
import { loadGrantForWrite, reloadGrant, updateGrantGuarded } from '../grant-transition.service';
import { statusOf, toGrantView, type GrantView } from '../grant-view.service';
import { allowedGrantTransitions, statusAfterMilestones } from '../grant.state-machine';
import type { MeetMilestoneCommand } from './meet-milestone.command';

/** Marks one milestone met; meeting the last one moves the grant to milestones-met. */
@Injectable()
export class MeetMilestoneHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, seq: number, cmd: MeetMilestoneCommand, caller: Caller): Promise<GrantView> {
    return this.prisma.$transaction(async (tx) => {
      const grant = await loadGrantForWrite(tx, id, cmd.version);
      const milestone = grant.milestones.find((m) => m.seq === seq);
      if (!milestone) throw new NotFoundException(`grant ${id} has no milestone ${seq}`);
      const status = statusOf(grant);
      if (status !== 'awarded') {
        throw invalidTransition(`milestones of grant ${id} can only be met while it is awarded (status ${status})`, status, allowedGrantTransitions({ status, convertible: grant.convertible }));
      }
      if (milestone.metOn !== null) {
        throw invalidTransition(`milestone ${seq} of grant ${id} was already met on ${fromDbDate(milestone.metOn)}`, 'met', []);
      }
      if (cmd.metOn < fromDbDate(grant.awardedOn)) throw invalidField('metOn', 'before_award', `must not be before the award date ${fromDbDate(grant.awardedOn)}`);

      await tx.grantMilestone.update({ where: { id: milestone.id }, data: { metOn: toDbDate(cmd.metOn), note: cmd.note ?? null } });
      const next = statusAfterMilestones(grant.milestones.map((m) => m.seq === seq || m.metOn !== null));
      await updateGrantGuarded(tx, id, cmd.version, { status: next });
      await appendAudit(tx, {
        ...caller,
        action: 'grant.milestone-met',
        entityType: 'grant',
        entityId: id,
        detail: { seq, title: milestone.title, metOn: cmd.metOn, ...(cmd.note !== undefined && { note: cmd.note }), statusFrom: status, statusTo: next },
      });
      return toGrantView(await reloadGrant(tx, id));
    });
  }
}
