import { z } from 'zod';
import { Text } from '@tjc/contracts';
import { Version } from '../../shared/version';

export const CloseDemandCommand = z.object({
  version: Version,
  reason: Text(500).meta({ description: '关闭原因，如“企业已自行解决” / Why the demand is closed' }),
});
export type CloseDemandCommand = z.output<typeof CloseDemandCommand>;
