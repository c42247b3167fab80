import { z } from 'zod';
import { Region } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { MemberType } from '../members.service';

export const ListMembersQuery = PageQuery.extend({
  region: Region.schema.optional(),
  type: MemberType.optional(),
  q: z.string().trim().min(1).max(200).optional().meta({ description: '名称（包含） / Name contains' }),
  sort: sortParam(['name', 'createdAt', 'region'], 'name'),
}).meta({ title: 'ListMembersQuery' });
export type ListMembersQuery = z.output<typeof ListMembersQuery>;
