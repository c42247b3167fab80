import { Injectable } from '@nestjs/common';
import { appendAudit } from '@tjc/runtime';
import { PrismaService } from '../../prisma.service';
import { invalidField } from '../../shared/bad-request.service';
import { fromDbDate, toDbDate } from '../../shared/business-time.service';
import { invalidTransition } from '../../shared/conflicts.service';
import type { Caller } from '../../shared/http-context.service';
import { loadGrantForWrite, reloadGrant, updateGrantGuarded } from '../grant-transition.service';
import { statusOf, toGrantView, type GrantView } from '../grant-view.service';
import { allowedGrantTransitions, canTransitionGrant } from '../grant.state-machine';
import type { CloseGrantCommand } from './close-grant.command';

/** Closes a grant that will not (or cannot) convert. No catalogue event: the award already counted. */
@Injectable()
export class CloseGrantHandler {
  constructor(private readonly prisma: PrismaService) {}

  execute(id: string, cmd: CloseGrantCommand, caller: Caller): Promise<GrantView> {
    return this.prisma.$transaction(async (tx) => {
      const grant = await loadGrantForWrite(tx, id, cmd.version);
      const state = { status: statusOf(grant), convertible: grant.convertible };
      if (!canTransitionGrant(state, 'closed')) throw invalidTransition(`grant ${id} cannot be closed from ${state.status}`, state.status, allowedGrantTransitions(state));
      if (cmd.closedOn < fromDbDate(grant.awardedOn)) throw invalidField('closedOn', 'before_award', `must not be before the award date ${fromDbDate(grant.awardedOn)}`);
      const reason = cmd.reason.trim();
      await updateGrantGuarded(tx, id, cmd.version, { status: 'closed', closeReason: reason, closedOn: toDbDate(cmd.closedOn) });
      await appendAudit(tx, { ...caller, action: 'grant.closed', entityType: 'grant', entityId: id, detail: { from: state.status, reason, closedOn: cmd.closedOn } });
      return toGrantView(await reloadGrant(tx, id));
    });
  }
}
