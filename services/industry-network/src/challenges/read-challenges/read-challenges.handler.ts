import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Enterprise, Id, IndustryField, Region } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import type { Challenge, ChallengeApplication } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { readAudit } from '../../shared/audit';
import { fromDbDate, QueryBool, toDbDate, todayInShanghai } from '../../shared/business-time';
import { isOverdue } from '../../shared/deadlines';
import { notFound } from '../../shared/http-errors';
import { orderByOf, pageOf } from '../../shared/lists';
import { toMoney } from '../../shared/money';
import { stateOf } from '../../shared/state-machine';
import { APPLICATION_STATUSES, CHALLENGE_STATES_AWAITING_DEADLINE, ChallengeStateMachine } from '../challenge.state-machine';

export const ListChallengesQuery = PageQuery.extend({
  status: z.enum(ChallengeStateMachine.states).optional(),
  field: IndustryField.schema.optional(),
  demandId: Id.optional(),
  enterpriseId: Id.optional(),
  publishedViaHq: QueryBool.optional(),
  overdue: QueryBool.optional().meta({ description: '已逾期：揭榜中且截止日期早于今天（北京时间） / Overdue: still taking applications and the deadline is before today (Asia/Shanghai)' }),
  sort: sortParam(['publishedOn', 'deadline', 'reward', 'createdAt'], '-publishedOn'),
});
export type ListChallengesQuery = z.output<typeof ListChallengesQuery>;

export const ListApplicationsQuery = PageQuery.extend({
  status: z.enum(APPLICATION_STATUSES).optional(),
  region: Region.schema.optional(),
  sort: sortParam(['submittedOn', 'institutionName', 'createdAt'], 'submittedOn'),
});
export type ListApplicationsQuery = z.output<typeof ListApplicationsQuery>;

/** `today`: the Shanghai calendar date the read happens on (a list passes the one its filter used). */
export function challengeView(c: Challenge, today: string = todayInShanghai()) {
  const status = stateOf(ChallengeStateMachine, c.status);
  const deadline = fromDbDate(c.deadline);
  return {
    id: c.id,
    demandId: c.demandId,
    title: c.title,
    field: c.field,
    enterprise: Enterprise.parse(c.enterprise),
    reward: toMoney(c.reward),
    deadline,
    // Read-time flag only; see isOverdue: nothing is cancelled or awarded when a deadline passes.
    overdue: isOverdue(status, deadline, CHALLENGE_STATES_AWAITING_DEADLINE, today),
    publishedViaHq: c.publishedViaHq,
    publishedOn: fromDbDate(c.publishedOn),
    status,
    allowedTransitions: ChallengeStateMachine.allowedTransitions(status),
    award:
      c.awardedApplicationId !== null && c.awardAmount !== null && c.awardedOn !== null
        ? { applicationId: c.awardedApplicationId, amount: toMoney(c.awardAmount), awardedOn: fromDbDate(c.awardedOn) }
        : null,
    cancelReason: c.cancelReason,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function applicationView(a: ChallengeApplication) {
  return {
    id: a.id,
    challengeId: a.challengeId,
    institution: { ...(a.institutionId !== null && { id: a.institutionId }), name: a.institutionName, region: a.institutionRegion, ...(a.institutionType !== null && { type: a.institutionType }) },
    proposal: a.proposal,
    status: a.status,
    submittedOn: fromDbDate(a.submittedOn),
    createdAt: a.createdAt.toISOString(),
  };
}

/** `isOverdue` as a query, so the filter runs in the database and paging and `total` stay right (the deadline is required here). */
function overdueWhere(overdue: boolean, today: string) {
  const states = [...CHALLENGE_STATES_AWAITING_DEADLINE];
  const todayDb = toDbDate(today);
  if (overdue) return { status: { in: states }, deadline: { lt: todayDb } };
  return { OR: [{ status: { notIn: states } }, { deadline: { gte: todayDb } }] };
}

@Injectable()
export class ReadChallengesHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(q: ListChallengesQuery) {
    const today = todayInShanghai();
    const where = {
      ...(q.status !== undefined && { status: q.status }),
      ...(q.field !== undefined && { field: q.field }),
      ...(q.demandId !== undefined && { demandId: q.demandId }),
      ...(q.enterpriseId !== undefined && { enterpriseId: q.enterpriseId }),
      ...(q.publishedViaHq !== undefined && { publishedViaHq: q.publishedViaHq }),
      ...(q.overdue !== undefined && { AND: [overdueWhere(q.overdue, today)] }),
    };
    // One snapshot for the page and its total, so they never disagree under concurrent writes.
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.challenge.findMany({ where, orderBy: orderByOf(q.sort), skip: q.offset, take: q.limit }),
      this.prisma.challenge.count({ where }),
    ], { isolationLevel: 'RepeatableRead' });
    return pageOf(rows.map((row) => challengeView(row, today)), total, q);
  }

  async get(id: string) {
    const row = await this.prisma.challenge.findUnique({ where: { id } });
    if (!row) throw notFound('榜单 challenge', id);
    return challengeView(row);
  }

  async applications(id: string, q: ListApplicationsQuery) {
    await this.get(id);
    const where = {
      challengeId: id,
      ...(q.status !== undefined && { status: q.status }),
      ...(q.region !== undefined && { institutionRegion: q.region }),
    };
    // One snapshot for the page and its total, so they never disagree under concurrent writes.
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.challengeApplication.findMany({ where, orderBy: orderByOf(q.sort), skip: q.offset, take: q.limit }),
      this.prisma.challengeApplication.count({ where }),
    ], { isolationLevel: 'RepeatableRead' });
    return pageOf(rows.map(applicationView), total, q);
  }

  async audit(id: string) {
    await this.get(id);
    return readAudit(this.prisma, 'challenge', id);
  }
}
