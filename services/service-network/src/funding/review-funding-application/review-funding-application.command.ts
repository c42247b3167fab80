import { z } from 'zod';
import { ExpectedVersion } from '../../common/concurrency';
import { ExpertReview } from '../funding-application.view';

export const ReviewFundingApplicationCommand = z.object({
  version: ExpectedVersion,
  reviews: z.array(ExpertReview).min(1).max(20).meta({ description: '专家评审意见（专家库）' }),
});
export type ReviewFundingApplicationCommand = z.output<typeof ReviewFundingApplicationCommand>;
