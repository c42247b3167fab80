import { FundType } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { z } from 'zod';
import { SearchText } from '../../shared/views.service';

export const ListFundsQuery = PageQuery.extend({
  type: FundType.schema.optional(),
  q: SearchText.optional().meta({ description: '名称或管理人包含的文字 / Text in the name or manager' }),
  sort: sortParam(['name', 'size', 'createdAt'], 'createdAt'),
});
export type ListFundsQuery = z.output<typeof ListFundsQuery>;

export const ListSubFundsQuery = PageQuery.extend({
  sort: sortParam(['name', 'size', 'createdAt'], '-size'),
});
export type ListSubFundsQuery = z.output<typeof ListSubFundsQuery>;
