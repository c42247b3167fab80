import { z } from 'zod';
import { IndustryField, Name, Text } from '@tjc/contracts';
import { BusinessInstant } from '../../common/business-time';
import { ProjectInstitution, Team } from '../projects.service';

export const SubmitProjectBody = z
  .object({
    title: Name,
    institution: ProjectInstitution,
    field: IndustryField.schema,
    trl: z.number().int().min(1).max(9).meta({ description: '技术成熟度 (TRL 1–9)' }),
    team: Team,
    summary: Text(2000).meta({ description: '公开摘要：进入事件与供给方可见 / Public summary, published in the event' }),
    confidentialDetail: Text(20_000)
      .optional()
      .meta({ description: '保密详情：仅科研网络协调员与中心管理员可见，永不发布 / Confidential detail: never published' }),
    submittedAt: BusinessInstant.optional(),
  })
  .meta({ title: 'SubmitProject' });
export type SubmitProjectCommand = z.output<typeof SubmitProjectBody>;
