import { z } from 'zod';
import { BusinessInstant } from '../../common/business-time';

export const StartDemonstrationBody = z
  .object({
    version: z.number().int().min(1),
    startedAt: BusinessInstant.optional(),
  })
  .meta({ title: 'StartDemonstration', description: '进入与本部联合论证 / Move to joint demonstration with HQ' });
export type StartDemonstrationCommand = z.output<typeof StartDemonstrationBody>;
