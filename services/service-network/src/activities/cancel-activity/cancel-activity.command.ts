import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { ExpectedVersion } from '../../common/concurrency';

export const CancelActivityCommand = z.object({ version: ExpectedVersion, reason: Text(2000) });
export type CancelActivityCommand = z.output<typeof CancelActivityCommand>;
