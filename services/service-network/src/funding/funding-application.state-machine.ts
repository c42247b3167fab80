import { defineStateMachine } from '../common/state-machine';

/**
 * 专项资金: a landed transfer applies, experts review it (a score), and the
 * center grants or declines. A decision needs a review first: the plan funds
 * landed projects "after expert review", so there is no applied → granted.
 */
export const FundingApplicationStateMachine = defineStateMachine({
  label: '专项资金申请',
  states: { applied: '已申请', reviewed: '已评审', granted: '已资助', declined: '未获资助' },
  transitions: {
    applied: ['reviewed'],
    reviewed: ['granted', 'declined'],
    granted: [],
    declined: [],
  },
});

export type FundingApplicationStatus = keyof typeof FundingApplicationStateMachine.transitions;

/** Open applications block a second one for the same transfer. */
export const OPEN_FUNDING_STATUSES: readonly FundingApplicationStatus[] = ['applied', 'reviewed'];

/**
 * The review score: the mean of the experts' integer scores, to two decimals,
 * computed in hundredths so the stored DECIMAL is exact (e.g. 85, 86, 86 → "85.67").
 */
export function reviewScoreOf(scores: readonly number[]): string {
  if (scores.length === 0) throw new Error('a review needs at least one expert score');
  const sum = scores.reduce((a, b) => a + b, 0);
  const hundredths = Math.round((sum * 100) / scores.length);
  return `${Math.trunc(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}
