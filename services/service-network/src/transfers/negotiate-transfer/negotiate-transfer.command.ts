import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { ExpectedVersion } from '../../common/concurrency';

export const NegotiateTransferCommand = z.object({
  version: ExpectedVersion,
  note: Text(2000).optional().meta({ description: '洽谈要点 / Negotiation notes' }),
});
export type NegotiateTransferCommand = z.output<typeof NegotiateTransferCommand>;
