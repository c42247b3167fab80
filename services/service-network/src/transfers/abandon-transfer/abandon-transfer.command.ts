import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { ExpectedVersion } from '../../common/concurrency';

export const AbandonTransferCommand = z.object({
  version: ExpectedVersion,
  reason: Text(2000).meta({ description: '终止原因 / Why the transfer was abandoned' }),
});
export type AbandonTransferCommand = z.output<typeof AbandonTransferCommand>;
