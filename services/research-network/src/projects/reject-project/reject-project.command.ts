import { z } from 'zod';
import { RejectionReason, Text } from '@tjc/contracts';
import { BusinessInstant } from '../../common/business-time';
import { Version } from '../../common/version';

/** The stage is not asked for: it follows from the state the project leaves. */
export const RejectProjectBody = z
  .object({
    version: Version,
    reason: RejectionReason.schema,
    detail: Text(2000).optional(),
    rejectedAt: BusinessInstant.optional(),
  })
  .meta({ title: 'RejectProject', description: '不予通过（结构化原因，留作分析） / Reject with a structured reason' });
export type RejectProjectCommand = z.output<typeof RejectProjectBody>;
