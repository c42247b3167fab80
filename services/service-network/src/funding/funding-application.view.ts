import { z } from 'zod';
import { Name, Region, Text, type Money } from '@tjc/contracts';
import { fromDbDate } from '../common/business-time';
import { toMoney, toMoneyOrNull } from '../common/money';
import type { FundingApplication } from '../generated/prisma/client';
import { FundingApplicationStateMachine, type FundingApplicationStatus } from './funding-application.state-machine';

export const FUNDING_LABEL = '专项资金申请';

export const ExpertReview = z.object({
  expertName: Name,
  expertRegion: Region.schema,
  score: z.number().int().min(0).max(100),
  comment: Text(2000).optional(),
});
export type ExpertReview = z.output<typeof ExpertReview>;

export interface FundingApplicationView {
  readonly id: string;
  readonly transferId: string;
  readonly status: FundingApplicationStatus;
  readonly statusLabel: string;
  readonly requestedAmount: Money;
  readonly purpose: string;
  readonly appliedOn: string;
  readonly reviews: readonly ExpertReview[];
  readonly reviewScore: string | null;
  readonly grantedAmount: Money | null;
  readonly decidedOn: string | null;
  readonly declineReason: string | null;
  readonly allowedTransitions: readonly FundingApplicationStatus[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toFundingApplicationView(row: FundingApplication): FundingApplicationView {
  const status = row.status as FundingApplicationStatus;
  return {
    id: row.id,
    transferId: row.transferId,
    status,
    statusLabel: FundingApplicationStateMachine.states[status],
    requestedAmount: toMoney(row.requestedAmount),
    purpose: row.purpose,
    appliedOn: fromDbDate(row.appliedOn),
    // Stored JSON is re-validated on the way out: it is only ever written from ExpertReview.
    reviews: row.reviews === null ? [] : z.array(ExpertReview).parse(row.reviews),
    reviewScore: row.reviewScore?.toFixed(2) ?? null,
    grantedAmount: toMoneyOrNull(row.grantedAmount),
    decidedOn: row.decidedOn === null ? null : fromDbDate(row.decidedOn),
    declineReason: row.declineReason,
    allowedTransitions: FundingApplicationStateMachine.transitions[status] ?? [],
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
