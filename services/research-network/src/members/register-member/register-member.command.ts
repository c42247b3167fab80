import { z } from 'zod';
import { Name, Region, Text } from '@tjc/contracts';
import { MemberType } from '../members.service';

export const RegisterMemberBody = z
  .object({
    name: Name,
    region: Region.schema,
    type: MemberType,
    note: Text(2000).optional(),
  })
  .meta({ title: 'RegisterMember', description: '登记科研网络成员单位 / Register a member institution' });
export type RegisterMemberCommand = z.output<typeof RegisterMemberBody>;
