import { z } from 'zod';
import { IndustryField, Region, SourceSchema } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { PROJECT_STATES } from '../project.state-machine';

export const ListProjectsQuery = PageQuery.extend({
  state: z.enum(PROJECT_STATES).optional(),
  field: IndustryField.schema.optional(),
  source: SourceSchema.optional().meta({ description: '来源：本网络或合作方（本部、河北中心、雄安中心） / Our own or a partner' }),
  region: Region.schema.optional().meta({ description: '依托单位所在地区 / Region of the institution' }),
  institution: z.string().trim().min(1).max(200).optional().meta({ description: '依托单位名称（包含） / Institution name contains' }),
  q: z.string().trim().min(1).max(200).optional().meta({ description: '项目名称（包含） / Title contains' }),
  sort: sortParam(['createdAt', 'submittedAt', 'foundAt', 'title', 'trl', 'averageScore'], '-createdAt'),
}).meta({ title: 'ListProjectsQuery' });
export type ListProjectsQuery = z.output<typeof ListProjectsQuery>;

export const AuditQuery = PageQuery.meta({ title: 'AuditQuery' });
export type AuditQuery = z.output<typeof AuditQuery>;
