import { z } from 'zod';
import { Region } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { SearchText } from '../../common/list-query';
import { MemberKind } from '../member.view';

export const ListMembersQuery = PageQuery.extend({
  kind: MemberKind.optional(),
  region: Region.schema.optional(),
  q: SearchText.optional(),
  sort: sortParam(['name', 'createdAt', 'kind'], 'name'),
});
export type ListMembersQuery = z.output<typeof ListMembersQuery>;
