import { z } from 'zod';
import { Id, Name } from '@tjc/contracts';

export const EnrolTraineeCommand = z.object({
  traineeId: Id.meta({ description: '学员编号（培训基地学员号）；同一人在同一班次只能报名一次' }),
  traineeName: Name,
  organisation: Name.optional().meta({ description: '所在单位' }),
});
export type EnrolTraineeCommand = z.output<typeof EnrolTraineeCommand>;
