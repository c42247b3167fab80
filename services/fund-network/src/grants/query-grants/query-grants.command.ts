import { Id } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { z } from 'zod';
import { QueryBoolean, SearchText } from '../../shared/views.service';
import { GRANT_STATUSES } from '../grant.state-machine';

export const ListGrantsQuery = PageQuery.extend({
  fundId: Id.optional(),
  status: z.enum(GRANT_STATUSES).optional(),
  convertible: QueryBoolean.optional(),
  projectId: Id.optional(),
  q: SearchText.optional().meta({ description: '受资助单位名称包含的文字 / Text in the grantee name' }),
  sort: sortParam(['awardedOn', 'amount', 'createdAt'], '-awardedOn'),
});
export type ListGrantsQuery = z.output<typeof ListGrantsQuery>;
