import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Enterprise, Id, IndustryField, SourceSchema } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import type { Consortium, ConsortiumMember, ConsortiumMilestone } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { readAudit } from '../../shared/audit';
import { fromDbDate } from '../../shared/business-time';
import { notFound } from '../../shared/http-errors';
import { orderByOf, pageOf } from '../../shared/lists';
import { stateOf } from '../../shared/state-machine';
import { CONSORTIUM_ORIGINS, ConsortiumStateMachine, OWN_SOURCE } from '../consortium.state-machine';

const consortiumFilters = {
  field: IndustryField.schema.optional(),
  leadEnterpriseId: Id.optional(),
  origin: z.enum(CONSORTIUM_ORIGINS).optional(),
  reportedBy: SourceSchema.optional(),
  projectId: Id.optional(),
  challengeId: Id.optional(),
  sort: sortParam(['formedOn', 'name', 'createdAt'], '-createdAt'),
};
export const ListConsortiaQuery = PageQuery.extend({ status: z.enum(ConsortiumStateMachine.states).optional(), ...consortiumFilters });
export type ListConsortiaQuery = z.output<typeof ListConsortiaQuery>;
export const ListProposalsQuery = PageQuery.extend(consortiumFilters);
export type ListProposalsQuery = z.output<typeof ListProposalsQuery>;

export type ConsortiumRow = Consortium & { members: ConsortiumMember[] };
export const withMembers = { members: { orderBy: { position: 'asc' } } } as const;

export function memberView(m: ConsortiumMember) {
  return { ...(m.institutionId !== null && { id: m.institutionId }), name: m.name, region: m.region, ...(m.type !== null && { type: m.type }) };
}

export function milestoneView(m: ConsortiumMilestone) {
  return { id: m.id, consortiumId: m.consortiumId, title: m.title, reachedOn: fromDbDate(m.reachedOn), note: m.note, createdAt: m.createdAt.toISOString() };
}

export function consortiumView(c: ConsortiumRow) {
  const status = stateOf(ConsortiumStateMachine, c.status);
  return {
    id: c.id,
    name: c.name,
    topic: c.topic,
    field: c.field,
    leadEnterprise: Enterprise.parse(c.leadEnterprise),
    members: c.members.map(memberView),
    status,
    // A partner's consortium is read-only here, whatever its state.
    allowedTransitions: c.reportedBy === OWN_SOURCE ? ConsortiumStateMachine.allowedTransitions(status) : [],
    origin: c.origin,
    reportedBy: c.reportedBy,
    externalId: c.externalId,
    projectId: c.projectId,
    challengeId: c.challengeId,
    formedOn: c.formedOn ? fromDbDate(c.formedOn) : null,
    // The lead as this network states it (the registry at formedOn) and, for a partner's report, its claim judged against the registry (ADR 0015).
    statedLead: c.statedLead === null ? null : Enterprise.parse(c.statedLead),
    leadJudgement: c.leadJudgement,
    concludedOn: c.concludedOn ? fromDbDate(c.concludedOn) : null,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

@Injectable()
export class ReadConsortiaHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(q: ListConsortiaQuery | (ListProposalsQuery & { status: 'proposed' })) {
    const where = {
      ...(q.status !== undefined && { status: q.status }),
      ...(q.field !== undefined && { field: q.field }),
      ...(q.leadEnterpriseId !== undefined && { leadEnterpriseId: q.leadEnterpriseId }),
      ...(q.origin !== undefined && { origin: q.origin }),
      ...(q.reportedBy !== undefined && { reportedBy: q.reportedBy }),
      ...(q.projectId !== undefined && { projectId: q.projectId }),
      ...(q.challengeId !== undefined && { challengeId: q.challengeId }),
    };
    // One snapshot for the page and its total, so they never disagree under concurrent writes.
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.consortium.findMany({ where, include: withMembers, orderBy: orderByOf(q.sort), skip: q.offset, take: q.limit }),
      this.prisma.consortium.count({ where }),
    ], { isolationLevel: 'RepeatableRead' });
    return pageOf(rows.map(consortiumView), total, q);
  }

  async get(id: string) {
    const row = await this.prisma.consortium.findUnique({ where: { id }, include: { ...withMembers, milestones: { orderBy: [{ reachedOn: 'asc' }, { createdAt: 'asc' }] } } });
    if (!row) throw notFound('创新联合体 consortium', id);
    return { ...consortiumView(row), milestones: row.milestones.map(milestoneView) };
  }

  async audit(id: string) {
    await this.get(id);
    return readAudit(this.prisma, 'consortium', id);
  }
}
