import { Text } from '@tjc/contracts';
import { z } from 'zod';
import { PastLocalDate } from '../../shared/business-time.service';
import { Version } from '../../shared/conflicts.service';

export const MeetMilestoneCommand = z.object({
  version: Version,
  metOn: PastLocalDate.meta({ description: '达成日期 / Date the milestone was met' }),
  note: Text(2000).optional(),
});
export type MeetMilestoneCommand = z.output<typeof MeetMilestoneCommand>;
