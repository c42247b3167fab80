import { z } from 'zod';
import { Id, LocalDate, Name, Region } from '@tjc/contracts';

export const PlanSessionCommand = z
  .object({
    courseId: Id,
    title: Name.meta({ description: '班次名称，如 技术经理人初级培训（京津冀联合班）' }),
    startsOn: LocalDate,
    endsOn: LocalDate,
    place: Name,
    partnerRegion: Region.schema.optional().meta({ description: '联合办班地区（北京、河北、雄安）' }),
    capacity: z.number().int().min(1).max(5000).optional(),
  })
  .superRefine((d, ctx) => {
    // ISO dates compare correctly as strings.
    if (d.endsOn < d.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
    if (d.partnerRegion === 'tianjin') ctx.addIssue({ code: 'custom', path: ['partnerRegion'], message: 'a joint class is with Beijing, Hebei or Xiong’an, not Tianjin itself' });
  });
export type PlanSessionCommand = z.output<typeof PlanSessionCommand>;
