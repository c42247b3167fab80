import { z } from 'zod';
import { IndustryField, Name, Region, Text } from '@tjc/contracts';
import { Version } from '../../shared/version';

export const UpdateEnterpriseCommand = z
  .object({
    version: Version,
    name: Name.optional(),
    region: Region.schema.optional(),
    industryChain: Text(100).optional(),
    field: IndustryField.schema.optional(),
    isKeyEnterprise: z.boolean().optional(),
    isChainLeader: z.boolean().optional(),
  })
  .refine((c) => Object.keys(c).some((k) => k !== 'version'), { message: '至少修改一个字段 / change at least one field', path: [] });
export type UpdateEnterpriseCommand = z.output<typeof UpdateEnterpriseCommand>;
