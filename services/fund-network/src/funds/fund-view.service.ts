/** How funds and sub-funds look in the API (zod, so OpenAPI documents the responses). */
import { FundType, LocalDate, Money } from '@tjc/contracts';
import { z } from 'zod';
import type { Fund, SubFund } from '../generated/prisma/client';
import { fromDbDateOrNull } from '../shared/business-time.service';
import { toMoney } from '../shared/money.service';
import { leverageOf, socialCapitalOf, type LeverageSummary } from './fund-leverage.service';

export const FundView = z.object({
  id: z.string(),
  name: z.string(),
  type: FundType.schema,
  manager: z.string(),
  size: Money,
  establishedOn: LocalDate.nullable().meta({ description: '设立日期；null 表示筹建中 / null while the fund is planned' }),
  description: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FundView = z.infer<typeof FundView>;

export const LeverageView = z.object({
  count: z.number().int(),
  totalSize: Money,
  ownContribution: Money,
  socialCapital: Money.meta({ description: '撬动的社会资本 / Social capital attracted' }),
  leverage: z.string().nullable().meta({ description: '杠杆倍数 = (子基金规模 − 本基金出资) / 本基金出资，4 位小数 / (size − own) / own, 4 places' }),
});

export const PortfolioView = z.object({
  investments: z.object({ count: z.number().int(), amount: Money }),
  investmentsFromTransfers: z.object({ count: z.number().int(), amount: Money }).meta({ description: '来自成果转化的投资 / Investments in landed transfers' }),
  grants: z.object({ count: z.number().int(), amount: Money }),
  convertedGrants: z.object({ count: z.number().int(), grantAmount: Money, convertedAmount: Money }).meta({ description: '已拨转投的资助 / Grants converted to equity' }),
});

export const FundDetailView = FundView.extend({ subFunds: LeverageView, portfolio: PortfolioView });
export type FundDetailView = z.infer<typeof FundDetailView>;

export const SubFundView = z.object({
  id: z.string(),
  fundId: z.string(),
  name: z.string(),
  manager: z.string(),
  size: Money,
  ownContribution: Money,
  socialCapital: Money,
  leverage: z.string(),
  establishedOn: LocalDate.nullable(),
  createdAt: z.string(),
});
export type SubFundView = z.infer<typeof SubFundView>;

export function toFundView(fund: Fund): FundView {
  return {
    id: fund.id,
    name: fund.name,
    type: FundType.schema.parse(fund.type),
    manager: fund.manager,
    size: toMoney(fund.size),
    establishedOn: fromDbDateOrNull(fund.establishedOn),
    description: fund.description,
    version: fund.version,
    createdAt: fund.createdAt.toISOString(),
    updatedAt: fund.updatedAt.toISOString(),
  };
}

export function toLeverageView(summary: LeverageSummary): z.infer<typeof LeverageView> {
  return {
    count: summary.count,
    totalSize: toMoney(summary.totalSize),
    ownContribution: toMoney(summary.ownContribution),
    socialCapital: toMoney(summary.socialCapital),
    leverage: summary.leverage === null ? null : summary.leverage.toFixed(4),
  };
}

export function toSubFundView(subFund: SubFund): SubFundView {
  return {
    id: subFund.id,
    fundId: subFund.fundId,
    name: subFund.name,
    manager: subFund.manager,
    size: toMoney(subFund.size),
    ownContribution: toMoney(subFund.ownContribution),
    socialCapital: toMoney(socialCapitalOf(subFund)),
    leverage: leverageOf(subFund).toFixed(4),
    establishedOn: fromDbDateOrNull(subFund.establishedOn),
    createdAt: subFund.createdAt.toISOString(),
  };
}
