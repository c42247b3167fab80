import { z } from 'zod';
import { ActivityType, LocalDate, Name, Region } from '@tjc/contracts';

export const PlanActivityCommand = z.object({
  type: ActivityType.schema.meta({ description: '项目推介、供需对接、融资路演、学术交流、技术发布' }),
  title: Name,
  plannedOn: LocalDate,
  place: Name,
  organisers: z.array(Name).min(1).max(20).meta({ description: '主办/承办单位' }),
  partnerRegions: z.array(Region.schema).max(4).optional().meta({ description: '合作地区（北京、河北、雄安）' }),
});
export type PlanActivityCommand = z.output<typeof PlanActivityCommand>;
