import { Text } from '@tjc/contracts';
import { z } from 'zod';
import { Version } from '../../shared/conflicts.service';

export const DeclineDealCommand = z.object({
  version: Version,
  reason: Text(2000).meta({ description: '放弃原因（必填） / Why the deal is declined (required)' }),
});
export type DeclineDealCommand = z.output<typeof DeclineDealCommand>;
