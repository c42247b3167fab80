import { z } from 'zod';
import { Id, LocalDate, Name, Region } from '@tjc/contracts';

export const PlanSessionCommand = z
  .object({
    courseId: Id,
    title: Name.meta({ description: '班次名称，如 技术经理人初级培训（京津冀联合班）' }),
    startsOn: LocalDate,
    endsOn: LocalDate.meta({ description: '结束日期，不早于 startsOn / Last day, not before startsOn' }),
    place: Name,
    // A joint class is with another region: Tianjin is left out of the enum, so
    // the documented schema says so (it was a refinement OpenAPI did not show).
    partnerRegion: Region.schema
      .exclude(['tianjin'])
      .optional()
      .meta({ description: '联合办班地区（北京、河北、雄安；不含天津本地） / Region of a joint class: Beijing, Hebei or Xiong’an, not Tianjin itself' }),
    capacity: z.number().int().min(1).max(5000).optional(),
  })
  .superRefine((d, ctx) => {
    // ISO dates compare correctly as strings.
    if (d.endsOn < d.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
  });
export type PlanSessionCommand = z.output<typeof PlanSessionCommand>;
