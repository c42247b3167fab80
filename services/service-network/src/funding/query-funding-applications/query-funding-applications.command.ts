import { z } from 'zod';
import { Id } from '@tjc/contracts';
import { PageQuery, sortParam } from '@tjc/runtime';
import { FundingApplicationStateMachine, type FundingApplicationStatus } from '../funding-application.state-machine';

export const ListFundingApplicationsQuery = PageQuery.extend({
  status: z.enum(Object.keys(FundingApplicationStateMachine.transitions) as [FundingApplicationStatus, ...FundingApplicationStatus[]]).optional(),
  transferId: Id.optional(),
  sort: sortParam(['createdAt', 'appliedOn', 'requestedAmount', 'reviewScore'], '-createdAt'),
});
export type ListFundingApplicationsQuery = z.output<typeof ListFundingApplicationsQuery>;
