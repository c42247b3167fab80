import { z } from 'zod';
import { CourseType } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { SearchText } from '../../common/list-query';

export const ListCoursesQuery = PageQuery.extend({
  type: CourseType.schema.optional(),
  q: SearchText.optional(),
  sort: sortParam(['createdAt', 'title', 'type'], 'title'),
});
export type ListCoursesQuery = z.output<typeof ListCoursesQuery>;
