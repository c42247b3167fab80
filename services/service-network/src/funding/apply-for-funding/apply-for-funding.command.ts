import { z } from 'zod';
import { LocalDate, Money, Text } from '@tjc/contracts';

export const ApplyForFundingCommand = z.object({
  requestedAmount: Money.meta({ description: '申请金额' }),
  purpose: Text(2000).meta({ description: '资金用途' }),
  appliedOn: LocalDate,
});
export type ApplyForFundingCommand = z.output<typeof ApplyForFundingCommand>;
