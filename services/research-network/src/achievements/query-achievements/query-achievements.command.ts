import { z } from 'zod';
import { IndustryField, Region, SourceSchema } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { AchievementStatus } from '../achievements.service';

/** The supply list is searched by field and region above all (the plan's "shared across the three regions"). */
export const SearchAchievementsQuery = PageQuery.extend({
  field: IndustryField.schema.optional(),
  region: Region.schema.optional().meta({ description: '成果权属单位所在地区 / Region of the owner' }),
  status: AchievementStatus.optional(),
  source: SourceSchema.optional(),
  q: z.string().trim().min(1).max(200).optional().meta({ description: '名称或摘要（包含） / Title or summary contains' }),
  sort: sortParam(['listedAt', 'title', 'createdAt'], '-listedAt'),
}).meta({ title: 'SearchAchievementsQuery' });
export type SearchAchievementsQuery = z.output<typeof SearchAchievementsQuery>;
