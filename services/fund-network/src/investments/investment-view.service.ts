import { Institution, InvestmentRound, LocalDate, Money } from '@tjc/contracts';
import { z } from 'zod';
import type { Investment } from '../generated/prisma/client';
import { fromDbDate } from '../shared/business-time.service';
import { percentString, toMoney } from '../shared/money.service';
import { institutionOf } from '../shared/institution.service';

export const InvestmentView = z.object({
  id: z.string(),
  fundId: z.string(),
  dealId: z.string().nullable(),
  grantId: z.string().nullable().meta({ description: '拨转投时对应的资助 / The converted grant, if any' }),
  investee: Institution,
  amount: Money,
  round: InvestmentRound.schema,
  investedOn: LocalDate,
  investedAt: z.string().nullable(),
  equityPercent: z.string().nullable(),
  transferId: z.string().nullable(),
  projectId: z.string().nullable(),
  createdAt: z.string(),
});
export type InvestmentView = z.infer<typeof InvestmentView>;

export function toInvestmentView(inv: Investment): InvestmentView {
  return {
    id: inv.id,
    fundId: inv.fundId,
    dealId: inv.dealId,
    grantId: inv.grantId,
    investee: institutionOf({ id: inv.investeeId, name: inv.investeeName, region: inv.investeeRegion, type: inv.investeeType }),
    amount: toMoney(inv.amount),
    round: InvestmentRound.schema.parse(inv.round),
    investedOn: fromDbDate(inv.investedOn),
    investedAt: inv.investedAt === null ? null : inv.investedAt.toISOString(),
    equityPercent: inv.equityPercent === null ? null : percentString(inv.equityPercent),
    transferId: inv.transferId,
    projectId: inv.projectId,
    createdAt: inv.createdAt.toISOString(),
  };
}
