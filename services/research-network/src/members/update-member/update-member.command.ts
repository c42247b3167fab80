import { z } from 'zod';
import { Name, Region, Text } from '@tjc/contracts';
import { MemberType } from '../members.service';
import { Version } from '../../common/version';

export const UpdateMemberBody = z
  .object({
    version: Version,
    name: Name.optional(),
    region: Region.schema.optional(),
    type: MemberType.optional(),
    note: Text(2000).nullable().optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), { message: 'change at least one field', path: [] })
  .meta({ title: 'UpdateMember' });
export type UpdateMemberCommand = z.output<typeof UpdateMemberBody>;
