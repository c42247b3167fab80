import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { Id, IndustryField } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import type { Demand } from '../../generated/prisma/client';
import { PrismaService } from '../../prisma.service';
import { readAudit } from '../../shared/audit';
import { fromDbDate, QueryBool, toDbDate, todayInShanghai } from '../../shared/business-time';
import { isOverdue } from '../../shared/deadlines';
import { notFound } from '../../shared/http-errors';
import { orderByOf, pageOf } from '../../shared/lists';
import { toMoney } from '../../shared/money';
import { stateOf } from '../../shared/state-machine';
import { DEMAND_STATES_AWAITING_DEADLINE, DemandStateMachine } from '../demand.state-machine';

export const ListDemandsQuery = PageQuery.extend({
  status: z.enum(DemandStateMachine.states).optional(),
  field: IndustryField.schema.optional(),
  enterpriseId: Id.optional(),
  q: z.string().min(1).max(100).optional().meta({ description: '标题模糊查询 / Title contains' }),
  overdue: QueryBool.optional().meta({ description: '已逾期：开放中且截止日期早于今天（北京时间） / Overdue: open and the deadline is before today (Asia/Shanghai)' }),
  sort: sortParam(['postedOn', 'deadline', 'title', 'createdAt'], '-postedOn'),
});
export type ListDemandsQuery = z.output<typeof ListDemandsQuery>;

export type DemandRow = Demand & { enterprise: { name: string } };
export const withEnterpriseName = { enterprise: { select: { name: true } } } as const;

/** `today`: the Shanghai calendar date the read happens on (a list passes the one its filter used). */
export function demandView(d: DemandRow, today: string = todayInShanghai()) {
  const status = stateOf(DemandStateMachine, d.status);
  const deadline = d.deadline ? fromDbDate(d.deadline) : null;
  return {
    id: d.id,
    enterpriseId: d.enterpriseId,
    enterpriseName: d.enterprise.name,
    field: d.field,
    title: d.title,
    problem: d.problem,
    budget: d.budgetMin !== null && d.budgetMax !== null ? { min: toMoney(d.budgetMin), max: toMoney(d.budgetMax) } : null,
    deadline,
    // Read-time flag only; see isOverdue: nothing is closed when a deadline passes.
    overdue: isOverdue(status, deadline, DEMAND_STATES_AWAITING_DEADLINE, today),
    postedOn: fromDbDate(d.postedOn),
    status,
    allowedTransitions: DemandStateMachine.allowedTransitions(status),
    closedReason: d.closedReason,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/**
 * `isOverdue` as a query, so the filter runs in the database and paging and
 * `total` stay right. Not overdue is spelled as its alternatives rather than
 * `NOT (…)`: with a null deadline SQL's `NOT (status IN … AND deadline < …)`
 * is unknown, which would drop demands without a deadline from that list.
 */
function overdueWhere(overdue: boolean, today: string) {
  const states = [...DEMAND_STATES_AWAITING_DEADLINE];
  const todayDb = toDbDate(today);
  if (overdue) return { status: { in: states }, deadline: { lt: todayDb } };
  return { OR: [{ status: { notIn: states } }, { deadline: null }, { deadline: { gte: todayDb } }] };
}

@Injectable()
export class ReadDemandsHandler {
  constructor(private readonly prisma: PrismaService) {}

  async list(q: ListDemandsQuery) {
    const today = todayInShanghai();
    const where = {
      ...(q.status !== undefined && { status: q.status }),
      ...(q.field !== undefined && { field: q.field }),
      ...(q.enterpriseId !== undefined && { enterpriseId: q.enterpriseId }),
      ...(q.q !== undefined && { title: { contains: q.q } }),
      ...(q.overdue !== undefined && { AND: [overdueWhere(q.overdue, today)] }),
    };
    // One snapshot for the page and its total, so they never disagree under concurrent writes.
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.demand.findMany({ where, include: withEnterpriseName, orderBy: orderByOf(q.sort), skip: q.offset, take: q.limit }),
      this.prisma.demand.count({ where }),
    ], { isolationLevel: 'RepeatableRead' });
    return pageOf(rows.map((row) => demandView(row, today)), total, q);
  }

  async get(id: string) {
    const row = await this.prisma.demand.findUnique({ where: { id }, include: withEnterpriseName });
    if (!row) throw notFound('需求 demand', id);
    return demandView(row);
  }

  async audit(id: string) {
    await this.get(id);
    return readAudit(this.prisma, 'demand', id);
  }
}
