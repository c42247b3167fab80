import { z } from 'zod';
import { Name, Region, Text } from '@tjc/contracts';
import { ConflictInstitutions, ExpertFields } from '../experts.service';
import { Version } from '../../common/version';

export const UpdateExpertBody = z
  .object({
    version: Version,
    name: Name.optional(),
    region: Region.schema.optional(),
    fields: ExpertFields.optional(),
    institutionName: Name.optional(),
    title: Text(100).nullable().optional(),
    conflictInstitutions: ConflictInstitutions.optional(),
    active: z.boolean().optional().meta({ description: '是否在库（停用后不再分配评审） / In the pool; inactive experts are not assigned' }),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { message: 'change at least one field', path: [] })
  .meta({ title: 'UpdateExpert' });
export type UpdateExpertCommand = z.output<typeof UpdateExpertBody>;
