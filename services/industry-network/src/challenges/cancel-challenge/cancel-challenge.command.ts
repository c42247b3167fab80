import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { Version } from '../../shared/version';

export const CancelChallengeCommand = z.object({
  version: Version,
  reason: Text(500).meta({ description: '撤榜原因 / Why the challenge is withdrawn' }),
});
export type CancelChallengeCommand = z.output<typeof CancelChallengeCommand>;
