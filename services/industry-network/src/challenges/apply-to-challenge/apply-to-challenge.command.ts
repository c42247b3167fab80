import { z } from 'zod';
import { Institution, Text } from '@tjc/contracts';
import { PastOrToday } from '../../shared/business-time';

/**
 * An institution's application (揭榜申请), recorded by the coordinator. Any
 * region may apply: the challenge is open. Whether the winner can join a
 * consortium is decided at award time.
 */
export const ApplyToChallengeCommand = z.object({
  institution: Institution,
  proposal: Text(4000).meta({ description: '揭榜方案摘要 / Summary of the proposed solution' }),
  submittedOn: PastOrToday.optional().meta({ description: '申请日期，默认今天 / Defaults to today' }),
});
export type ApplyToChallengeCommand = z.output<typeof ApplyToChallengeCommand>;
