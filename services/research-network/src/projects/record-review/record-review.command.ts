import { z } from 'zod';
import { Id, Text } from '@tjc/contracts';
import { BusinessInstant } from '../../common/business-time';

/**
 * One expert's review, entered by the coordinator who collects it. No
 * `version`: the experts of a panel review independently and in any order;
 * "one review per expert" is the conflict that matters (409 on a second).
 */
export const RecordReviewBody = z
  .object({
    expertId: Id,
    score: z.number().int().min(0).max(100).meta({ description: '评分 0–100 / Score 0–100' }),
    comment: Text(2000).optional(),
    reviewedAt: BusinessInstant.optional(),
  })
  .meta({ title: 'RecordReview' });
export type RecordReviewCommand = z.output<typeof RecordReviewBody>;
