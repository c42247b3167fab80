import { Id, IndustryField } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { z } from 'zod';
import { SearchText } from '../../shared/views.service';
import { DEAL_ORIGINS } from '../deal-view.service';
import { DEAL_STAGES } from '../deal.state-machine';

export const ListDealsQuery = PageQuery.extend({
  stage: z.enum(DEAL_STAGES).optional(),
  origin: z.enum(DEAL_ORIGINS).optional(),
  fundId: Id.optional(),
  field: IndustryField.schema.optional(),
  transferId: Id.optional(),
  projectId: Id.optional(),
  q: SearchText.optional().meta({ description: '项目名称或企业名称包含的文字 / Text in the title or investee name' }),
  sort: sortParam(['createdAt', 'updatedAt', 'stageChangedAt', 'title'], '-createdAt'),
});
export type ListDealsQuery = z.output<typeof ListDealsQuery>;
