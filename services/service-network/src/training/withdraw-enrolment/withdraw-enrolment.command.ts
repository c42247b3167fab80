import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { ExpectedVersion } from '../../common/concurrency';

export const WithdrawEnrolmentCommand = z.object({ version: ExpectedVersion, reason: Text(500).optional() });
export type WithdrawEnrolmentCommand = z.output<typeof WithdrawEnrolmentCommand>;
