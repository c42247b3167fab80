import { z } from 'zod';
import { Name, Region, Text } from '@tjc/contracts';
import { ConflictInstitutions, ExpertFields } from '../experts.service';

export const RegisterExpertBody = z
  .object({
    name: Name,
    region: Region.schema,
    fields: ExpertFields,
    institutionName: Name.meta({ description: '所在单位 / Institution the expert works at' }),
    title: Text(100).optional().meta({ description: '职称 / Title, e.g. 教授' }),
    conflictInstitutions: ConflictInstitutions.optional(),
  })
  .meta({ title: 'RegisterExpert', description: '专家入库 / Add an expert to the pool' });
export type RegisterExpertCommand = z.output<typeof RegisterExpertBody>;
