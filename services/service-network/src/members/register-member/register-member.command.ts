import { z } from 'zod';
import { Name, Region, Text } from '@tjc/contracts';
import { MemberKind } from '../member.view';

export const RegisterMemberCommand = z.object({
  name: Name.meta({ description: '成员名称，如 天开高教科创园' }),
  kind: MemberKind,
  region: Region.schema,
  note: Text(2000).optional(),
});
export type RegisterMemberCommand = z.output<typeof RegisterMemberCommand>;
