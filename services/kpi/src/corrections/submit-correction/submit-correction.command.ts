import { z } from 'zod';
import { Id, isEventType, SourceSchema } from '@tjc/contracts';

/**
 * The center corrects or retracts a wrong event of any publisher (the data of
 * `center.event.corrected.v1`; the correction id is generated). An amendment
 * carries the full replacement data, checked against the target's type.
 */
export const SubmitCorrectionCommand = z
  .object({
    target: z.object({
      source: SourceSchema,
      id: Id,
      type: z.string().refine(isEventType, 'must be an event type of the contracts catalogue'),
    }),
    action: z.enum(['retract', 'amend']),
    reason: z.string().trim().min(1).max(2000),
    replacement: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((d) => (d.action === 'amend') === (d.replacement !== undefined), {
    message: 'must be present for "amend" and absent for "retract"',
    path: ['replacement'],
  });
export type SubmitCorrectionCommand = z.output<typeof SubmitCorrectionCommand>;
