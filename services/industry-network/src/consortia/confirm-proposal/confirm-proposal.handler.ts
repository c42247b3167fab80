import { Injectable } from '@nestjs/common';
import { Enterprise } from '@tjc/contracts';
import { EventPublisher } from '@tjc/runtime';
import { enterpriseSnapshot } from '../../enterprises/read-enterprises/read-enterprises.handler';
import { PrismaService } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { businessTime, toDbDate } from '../../shared/business-time';
import { assertVersion, fieldError, notFound, staleVersion, transitionOrConflict } from '../../shared/http-errors';
import { stateOf } from '../../shared/state-machine';
import { assertOwnConsortium, ConsortiumStateMachine } from '../consortium.state-machine';
import { memberRows, publishConsortiumFormed } from '../form-consortium/form-consortium.handler';
import { consortiumView, withMembers } from '../read-consortia/read-consortia.handler';
import type { ConfirmProposalCommand } from './confirm-proposal.command';

/**
 * The coordinator confirms a proposal (from an awarded challenge) into a
 * formed consortium, possibly naming it and adding members; only then is
 * industry.consortium.formed.v1 published, carrying the challengeId.
 */
@Injectable()
export class ConfirmProposalHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(id: string, cmd: ConfirmProposalCommand, who: Actor) {
    const formed = businessTime(cmd.formedOn);
    return this.prisma.$transaction(async (tx) => {
      const proposal = await tx.consortium.findUnique({ where: { id }, include: withMembers });
      if (!proposal) throw notFound('创新联合体提议 consortium proposal', id);
      assertOwnConsortium(proposal);
      assertVersion('创新联合体 consortium', id, proposal.version, cmd.version);
      const from = stateOf(ConsortiumStateMachine, proposal.status);
      const to = transitionOrConflict(ConsortiumStateMachine, '创新联合体 consortium', id, from, 'confirm');
      const existing = new Set(proposal.members.map((m) => m.name));
      cmd.additionalMembers.forEach((m, i) => {
        if (existing.has(m.name)) throw fieldError(`additionalMembers.${i}.name`, 'duplicate', `${m.name} 已是成员 / already a member`);
      });
      // The key-enterprise flags may have changed since the award: the event states them as of formation.
      const current = await tx.enterprise.findUnique({ where: { id: proposal.leadEnterpriseId } });
      const lead = current ? enterpriseSnapshot(current) : Enterprise.parse(proposal.leadEnterprise);

      const { count } = await tx.consortium.updateMany({
        where: { id, version: cmd.version, status: from },
        data: { status: to, name: cmd.name ?? proposal.name, topic: cmd.topic ?? proposal.topic, leadEnterprise: lead, formedOn: toDbDate(formed.date), version: { increment: 1 } },
      });
      if (count === 0) throw staleVersion('创新联合体 consortium', id, (await tx.consortium.findUniqueOrThrow({ where: { id } })).version);
      if (cmd.additionalMembers.length > 0) {
        await tx.consortiumMember.createMany({ data: memberRows(cmd.additionalMembers, proposal.members.length).map((m) => ({ ...m, consortiumId: id })) });
      }
      const row = await tx.consortium.findUniqueOrThrow({ where: { id }, include: withMembers });
      const published = await publishConsortiumFormed(this.events, tx, row, formed.time);
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await audit(tx, { ...who, eventId: published.eventId }, 'consortium.confirmed', 'consortium', id, { from, to, name: row.name, topic: row.topic, additionalMembers: cmd.additionalMembers, formedOn: formed.date });
      return consortiumView(published.row);
    });
  }
}
