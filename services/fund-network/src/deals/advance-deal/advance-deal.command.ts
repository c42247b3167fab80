import { Text } from '@tjc/contracts';
import { z } from 'zod';
import { Version } from '../../shared/conflicts.service';
import { ADVANCE_TARGETS } from '../deal.state-machine';

export const AdvanceDealCommand = z.object({
  version: Version,
  to: z.enum(ADVANCE_TARGETS).meta({ description: '目标阶段：尽职调查 / 投资决策委员会' }),
  note: Text(2000).optional(),
});
export type AdvanceDealCommand = z.output<typeof AdvanceDealCommand>;
