import { Id, InvestmentRound, LocalDate } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { z } from 'zod';

export const ListInvestmentsQuery = PageQuery.extend({
  fundId: Id.optional(),
  round: InvestmentRound.schema.optional(),
  dealId: Id.optional(),
  grantId: Id.optional(),
  transferId: Id.optional(),
  projectId: Id.optional(),
  investedFrom: LocalDate.optional().meta({ description: '投资日期起（含） / Invested on or after' }),
  investedTo: LocalDate.optional().meta({ description: '投资日期止（含） / Invested on or before' }),
  sort: sortParam(['investedOn', 'amount', 'createdAt'], '-investedOn'),
});
export type ListInvestmentsQuery = z.output<typeof ListInvestmentsQuery>;
