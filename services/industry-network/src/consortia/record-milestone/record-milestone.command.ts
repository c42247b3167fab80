import { z } from 'zod';
import { Name, Text } from '@tjc/contracts';
import { PastOrToday } from '../../shared/business-time';

export const RecordMilestoneCommand = z.object({
  title: Name.meta({ description: '里程碑，如“完成流片验证” / Milestone' }),
  reachedOn: PastOrToday.optional().meta({ description: '达成日期，默认今天 / Defaults to today' }),
  note: Text(2000).optional(),
});
export type RecordMilestoneCommand = z.output<typeof RecordMilestoneCommand>;
