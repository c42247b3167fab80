import { Text } from '@tjc/contracts';
import { z } from 'zod';
import { PastLocalDate } from '../../shared/business-time.service';
import { Version } from '../../shared/conflicts.service';
import { EquityPercent, PositiveMoney } from '../../shared/money.service';

export const ConvertGrantCommand = z.object({
  version: Version,
  convertedAmount: PositiveMoney.meta({ description: '转为股权的金额，不超过资助金额 / Amount converted; at most the grant' }),
  equityPercent: EquityPercent,
  convertedOn: PastLocalDate,
  note: Text(2000).optional(),
});
export type ConvertGrantCommand = z.output<typeof ConvertGrantCommand>;
