import { Injectable } from '@nestjs/common';
import { Enterprise as EnterpriseSnapshot } from '@tjc/contracts';
import { EventPublisher } from '@tjc/runtime';
import { enterpriseSnapshot } from '../../enterprises/read-enterprises/read-enterprises.handler';
import type { Enterprise } from '../../generated/prisma/client';
import { PrismaService, type Tx } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { businessTime, fromDbDate, toDbDate } from '../../shared/business-time';
import { conflict, fieldError, notFound } from '../../shared/http-errors';
import { newId } from '../../shared/ids';
import { isEligibleLeadRegion } from '../consortium.state-machine';
import { registryLead, stateConsortium } from '../lead-judgement';
import { consortiumView, withMembers, type ConsortiumRow } from '../read-consortia/read-consortia.handler';
import type { ConsortiumMemberInput, FormConsortiumCommand } from './form-consortium.command';

/** The lead enterprise from the registry: unknown → 404 on the field, not in Tianjin → 400 on the field. */
export async function eligibleLeadEnterprise(tx: Tx, leadEnterpriseId: string, path: string): Promise<Enterprise> {
  const enterprise = await tx.enterprise.findUnique({ where: { id: leadEnterpriseId } });
  if (!enterprise) throw notFound('企业 enterprise', leadEnterpriseId, path);
  if (!isEligibleLeadRegion(enterprise.region)) {
    throw fieldError(path, 'lead_enterprise_not_tianjin', `牵头企业须为天津企业，${enterprise.name} 属于 ${enterprise.region} / the lead enterprise must be a Tianjin enterprise`);
  }
  return enterprise;
}

export function memberRows(members: readonly ConsortiumMemberInput[], startAt = 0) {
  return members.map((m, i) => ({ position: startAt + i, institutionId: m.id ?? null, name: m.name, region: m.region, type: m.type ?? null }));
}

/**
 * Stages industry.consortium.formed.v1. The envelope time is the formation's
 * business time (start of `formedOn` in Asia/Shanghai when the date was
 * given), because the KPI counts the consortium in that year. The lead is
 * stated as the registry has it on `formedOn` (its key-enterprise listing
 * then, ADR 0015), and the row keeps what was stated and the event's id, so a
 * later listing change dated before the formation amends this event.
 */
export async function publishConsortiumFormed(events: EventPublisher, tx: Tx, c: ConsortiumRow, time: string): Promise<{ row: ConsortiumRow; eventId: string }> {
  if (c.formedOn === null) throw new Error(`consortium ${c.id}: formed without a formation date`);
  const registered = await tx.enterprise.findUnique({ where: { id: c.leadEnterpriseId } });
  const lead = registered ? await registryLead(tx, registered, fromDbDate(c.formedOn)) : EnterpriseSnapshot.parse(c.leadEnterprise);
  const { statedEventId, publishedEventId } = await stateConsortium(events, tx, c, lead, { time, reason: 'formed' });
  const row = await tx.consortium.update({
    where: { id: c.id },
    data: { leadEnterprise: lead, statedLead: lead, leadRegistryId: registered?.id ?? null, statedEventId },
    include: withMembers,
  });
  return { row, eventId: publishedEventId };
}

/** Forms a consortium directly (e.g. from a suggestion: a found project × an open demand). */
@Injectable()
export class FormConsortiumHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly events: EventPublisher,
  ) {}

  execute(cmd: FormConsortiumCommand, who: Actor) {
    const formed = businessTime(cmd.formedOn);
    return this.prisma.$transaction(async (tx) => {
      const lead = await eligibleLeadEnterprise(tx, cmd.leadEnterpriseId, 'leadEnterpriseId');
      let projectId = cmd.projectId;
      if (cmd.suggestionId !== undefined) {
        const suggestion = await tx.suggestion.findUnique({ where: { id: cmd.suggestionId } });
        if (!suggestion) throw notFound('推荐 suggestion', cmd.suggestionId, 'suggestionId');
        if (projectId !== undefined && projectId !== suggestion.projectId) {
          throw fieldError('projectId', 'suggestion_mismatch', `与推荐的项目 ${suggestion.projectId} 不一致 / differs from the suggestion's project`);
        }
        projectId = suggestion.projectId;
      }
      const id = newId('cs');
      const row = await tx.consortium.create({
        data: {
          id,
          name: cmd.name,
          topic: cmd.topic,
          field: cmd.field,
          leadEnterpriseId: lead.id,
          leadEnterprise: enterpriseSnapshot(lead),
          status: 'formed',
          origin: 'coordinator',
          reportedBy: this.events.source,
          projectId: projectId ?? null,
          formedOn: toDbDate(formed.date),
          members: { create: memberRows(cmd.members) },
        },
        include: withMembers,
      });
      if (cmd.suggestionId !== undefined) {
        // Guarded: two coordinators taking up one suggestion at once form one consortium, not two.
        const { count } = await tx.suggestion.updateMany({ where: { id: cmd.suggestionId, consortiumId: null }, data: { consortiumId: id } });
        if (count === 0) throw conflict(`推荐 ${cmd.suggestionId} 已被采纳 / suggestion already taken up`, { suggestionId: cmd.suggestionId });
      }
      const published = await publishConsortiumFormed(this.events, tx, row, formed.time);
      // The audit row names the event this change published: the console's 追踪 link follows it.
      await audit(tx, { ...who, eventId: published.eventId }, 'consortium.formed', 'consortium', id, { ...cmd, formedOn: formed.date, ...(projectId !== undefined && { projectId }) });
      return consortiumView(published.row);
    });
  }
}
