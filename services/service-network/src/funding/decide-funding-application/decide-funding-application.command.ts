import { z } from 'zod';
import { LocalDate, Money, Text } from '@tjc/contracts';
import { ExpectedVersion } from '../../common/concurrency';

export const GrantFundingCommand = z.object({
  version: ExpectedVersion,
  grantedAmount: Money.meta({ description: '资助金额，不超过申请金额' }),
  decidedOn: LocalDate,
});
export type GrantFundingCommand = z.output<typeof GrantFundingCommand>;

export const DeclineFundingCommand = z.object({
  version: ExpectedVersion,
  reason: Text(2000),
  decidedOn: LocalDate,
});
export type DeclineFundingCommand = z.output<typeof DeclineFundingCommand>;
