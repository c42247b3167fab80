import { z } from 'zod';
import { Instant, Name } from '@tjc/contracts';
import { instantOnDate, PastOrToday } from '../../common/business-time';
import { ExpectedVersion } from '../../common/concurrency';

export const HoldActivityCommand = z
  .object({
    version: ExpectedVersion,
    heldOn: PastOrToday.meta({ description: '举办日期（北京时间），可与计划日期不同，不晚于今天 / Date held (Asia/Shanghai), may differ from the planned date; not in the future' }),
    heldAt: Instant.optional().meta({ description: '精确举办时刻（可选），须落在 heldOn 当天' }),
    place: Name.optional().meta({ description: '实际举办地点（改址时填写）' }),
    participants: z.number().int().min(0).max(1_000_000).meta({ description: '参与人数' }),
    pairsMatched: z.number().int().min(0).max(100_000).meta({ description: '促成对接数' }),
  })
  .superRefine((d, ctx) => instantOnDate(d, 'heldOn', 'heldAt', ctx));
export type HoldActivityCommand = z.output<typeof HoldActivityCommand>;
