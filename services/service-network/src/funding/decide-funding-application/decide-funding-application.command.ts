import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { PastOrToday } from '../../common/business-time';
import { ExpectedVersion } from '../../common/concurrency';
import { PositiveMoney } from '../../common/money';

/** Shared by both decisions: the checks that need the stored application (not before appliedOn) are in the handler. */
const DecidedOn = PastOrToday.meta({
  description: '决定日期（北京时间），不晚于今天，不早于申请日期（appliedOn） / Date of the decision (Asia/Shanghai); not in the future, not before the application’s appliedOn',
});

export const GrantFundingCommand = z.object({
  version: ExpectedVersion,
  grantedAmount: PositiveMoney.meta({ description: '资助金额，须大于 0，不超过申请金额 / Amount granted; greater than 0, at most the requested amount' }),
  decidedOn: DecidedOn,
});
export type GrantFundingCommand = z.output<typeof GrantFundingCommand>;

export const DeclineFundingCommand = z.object({
  version: ExpectedVersion,
  reason: Text(2000),
  decidedOn: DecidedOn,
});
export type DeclineFundingCommand = z.output<typeof DeclineFundingCommand>;
