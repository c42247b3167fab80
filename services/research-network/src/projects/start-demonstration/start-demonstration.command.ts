import { z } from 'zod';
import { BusinessInstant } from '../../common/business-time';
import { Version } from '../../common/version';

export const StartDemonstrationBody = z
  .object({
    version: Version,
    startedAt: BusinessInstant.optional(),
  })
  .meta({ title: 'StartDemonstration', description: '进入与本部联合论证 / Move to joint demonstration with HQ' });
export type StartDemonstrationCommand = z.output<typeof StartDemonstrationBody>;
