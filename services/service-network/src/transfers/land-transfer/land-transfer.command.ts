import { z } from 'zod';
import { Instant, Money, TransferMode } from '@tjc/contracts';
import { instantOnDate, PastOrToday } from '../../common/business-time';
import { ExpectedVersion } from '../../common/concurrency';

/** 落地: the contract is signed. */
export const LandTransferCommand = z
  .object({
    version: ExpectedVersion,
    mode: TransferMode.schema.meta({ description: '转化方式：许可、转让、作价投资、先使用后付费…' }),
    contractAmount: Money.meta({ description: '合同金额（人民币，十进制字符串）' }),
    landedOn: PastOrToday.meta({ description: '落地（签约）日期，按北京时间，不晚于今天 / Date landed (contract signed), Asia/Shanghai; not in the future' }),
    landedAt: Instant.optional().meta({ description: '精确签约时刻（可选）；须落在 landedOn 当天（北京时间）' }),
  })
  .superRefine((data, ctx) => instantOnDate(data, 'landedOn', 'landedAt', ctx));
export type LandTransferCommand = z.output<typeof LandTransferCommand>;
