import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { PastOrToday } from '../../common/business-time';
import { PositiveMoney } from '../../common/money';

export const ApplyForFundingCommand = z.object({
  requestedAmount: PositiveMoney.meta({ description: '申请金额，须大于 0 / Amount requested; greater than 0' }),
  purpose: Text(2000).meta({ description: '资金用途' }),
  appliedOn: PastOrToday.meta({ description: '申请日期（北京时间），不晚于今天 / Date of the application (Asia/Shanghai); not in the future' }),
});
export type ApplyForFundingCommand = z.output<typeof ApplyForFundingCommand>;
