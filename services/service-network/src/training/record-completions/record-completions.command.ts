import { z } from 'zod';
import { Id, Instant } from '@tjc/contracts';
import { instantOnDate, PastOrToday } from '../../common/business-time';

export const RecordCompletionsCommand = z
  .object({
    // 5000 is the contract's cap on completions per event.
    enrolmentIds: z.array(Id).min(1).max(5000).meta({ description: '结业学员的报名编号；已结业的会被忽略（幂等）' }),
    completedOn: PastOrToday.meta({ description: '结业日期（北京时间），不晚于今天 / Completion date (Asia/Shanghai); not in the future' }),
    completedAt: Instant.optional().meta({ description: '精确结业时刻（可选），须落在 completedOn 当天' }),
  })
  .superRefine((d, ctx) => instantOnDate(d, 'completedOn', 'completedAt', ctx));
export type RecordCompletionsCommand = z.output<typeof RecordCompletionsCommand>;
