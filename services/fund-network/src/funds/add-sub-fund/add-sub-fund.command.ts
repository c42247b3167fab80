import { compareDecimal, Name } from '@tjc/contracts';
import { z } from 'zod';
import { PastLocalDate } from '../../shared/business-time.service';
import { PositiveMoney } from '../../shared/money.service';

export const AddSubFundCommand = z
  .object({
    name: Name.meta({ description: '子基金名称' }),
    manager: Name,
    size: PositiveMoney.meta({ description: '子基金规模 / Sub-fund size' }),
    ownContribution: PositiveMoney.meta({ description: '本基金出资 / The fund’s own contribution' }),
    establishedOn: PastLocalDate.optional(),
  })
  // Leverage is only meaningful when the fund's share is part of the sub-fund.
  .refine((c) => compareDecimal(c.ownContribution.amount, c.size.amount) <= 0, {
    message: 'cannot exceed the sub-fund size',
    path: ['ownContribution', 'amount'],
  });
export type AddSubFundCommand = z.output<typeof AddSubFundCommand>;
