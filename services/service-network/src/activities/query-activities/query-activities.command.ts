import { z } from 'zod';
import { ActivityType, LocalDate, Region } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { SearchText } from '../../common/list-query';
import { ActivityStateMachine, type ActivityStatus } from '../activity.state-machine';

export const ListActivitiesQuery = PageQuery.extend({
  status: z.enum(Object.keys(ActivityStateMachine.transitions) as [ActivityStatus, ...ActivityStatus[]]).optional(),
  type: ActivityType.schema.optional(),
  partnerRegion: Region.schema.optional().meta({ description: '含该合作地区的活动' }),
  from: LocalDate.optional().meta({ description: '计划日期不早于' }),
  to: LocalDate.optional().meta({ description: '计划日期不晚于' }),
  q: SearchText.optional(),
  sort: sortParam(['plannedOn', 'heldOn', 'createdAt', 'participants', 'pairsMatched'], '-plannedOn'),
});
export type ListActivitiesQuery = z.output<typeof ListActivitiesQuery>;
