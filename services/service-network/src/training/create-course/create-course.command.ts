import { z } from 'zod';
import { CourseType, Name, Text } from '@tjc/contracts';

export const CreateCourseCommand = z.object({
  type: CourseType.schema,
  title: Name.meta({ description: '课程名称，如 技术经理人初级培训' }),
  description: Text(2000).optional(),
  hours: z.number().int().min(1).max(2000).optional().meta({ description: '学时' }),
});
export type CreateCourseCommand = z.output<typeof CreateCourseCommand>;
