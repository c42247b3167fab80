import { z } from 'zod';
import { compareDecimal, Id, IndustryField, LocalDate, Money, Name, Text } from '@tjc/contracts';
import { PastOrToday, todayInShanghai } from '../../shared/business-time';

/** Same rule as the event's budget range, so a posted demand always makes a valid event. */
export const BudgetRange = z
  .object({ min: Money, max: Money })
  .refine((b) => compareDecimal(b.min.amount, b.max.amount) <= 0, { message: '预算下限不能高于上限 / min must not exceed max', path: ['min'] });

export const PostDemandCommand = z
  .object({
    enterpriseId: Id.meta({ description: '发布需求的企业（须已登记） / The posting enterprise (registered)' }),
    field: IndustryField.schema,
    title: Name,
    problem: Text(4000).meta({ description: '需要攻克的技术问题 / The technical problem to solve' }),
    budget: BudgetRange.optional().meta({ description: '预算区间，下限不高于上限 / Budget range: min not above max' }),
    deadline: LocalDate.optional().meta({ description: '截止日期，不早于发布日期（postedOn，默认今天） / Deadline: not before the posting date (postedOn, default today)' }),
    postedOn: PastOrToday.optional().meta({ description: '发布日期（业务时间），默认今天 / Business date of posting; defaults to today' }),
  })
  .refine((c) => c.deadline === undefined || c.deadline >= (c.postedOn ?? todayInShanghai()), {
    message: '截止日期不能早于发布日期 / deadline must not be before the posting date',
    path: ['deadline'],
  });
export type PostDemandCommand = z.output<typeof PostDemandCommand>;
