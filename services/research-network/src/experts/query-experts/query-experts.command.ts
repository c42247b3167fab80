import { z } from 'zod';
import { IndustryField, Region } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';

export const ListExpertsQuery = PageQuery.extend({
  field: IndustryField.schema.optional().meta({ description: '擅长该领域的专家 / Experts in this field' }),
  region: Region.schema.optional(),
  institution: z.string().trim().min(1).max(200).optional().meta({ description: '所在单位（包含） / Institution contains' }),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Candidates for a project's panel: in its field, active, and without a conflict with its institution. */
  eligibleFor: z.string().trim().min(1).max(128).optional().meta({ description: '可评审该项目的专家（项目 id） / Eligible reviewers of this project id' }),
  q: z.string().trim().min(1).max(200).optional().meta({ description: '姓名（包含） / Name contains' }),
  sort: sortParam(['name', 'createdAt', 'region'], 'name'),
}).meta({ title: 'ListExpertsQuery' });
export type ListExpertsQuery = z.output<typeof ListExpertsQuery>;
