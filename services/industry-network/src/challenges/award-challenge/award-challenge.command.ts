import { z } from 'zod';
import { compareDecimal, Id, Money } from '@tjc/contracts';
import { PastOrToday } from '../../shared/business-time';
import { Version } from '../../shared/version';

export const AwardChallengeCommand = z.object({
  version: Version,
  applicationId: Id.meta({ description: '中榜的申请 / The winning application' }),
  amount: Money.optional().meta({ description: '揭榜金额，默认为榜单金额，不得超过 / Award; defaults to the reward and may not exceed it' }),
  awardedOn: PastOrToday.optional().meta({ description: '揭榜日期（业务时间），默认今天 / Business date; defaults to today' }),
});
export type AwardChallengeCommand = z.output<typeof AwardChallengeCommand>;

/** The award is what the enterprise committed to pay: never more than the published reward. */
export function awardExceedsReward(amount: string, reward: string): boolean {
  return compareDecimal(amount, reward) > 0;
}
