import { z } from 'zod';

/** POST /ops/kpi/pace-check: check now, or as of a past instant (e.g. to replay a day). */
export const CheckPaceCommand = z.object({
  year: z.number().int().min(2020).max(2100).optional(),
  at: z.iso.datetime({ offset: true }).optional().meta({ description: 'Instant to check at (default now); the year defaults to its Asia/Shanghai year' }),
});
export type CheckPaceCommand = z.output<typeof CheckPaceCommand>;
