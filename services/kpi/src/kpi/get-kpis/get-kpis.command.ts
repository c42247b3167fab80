import { z } from 'zod';

export const YearParams = z.object({ year: z.coerce.number().int().min(2020).max(2100) });
export type YearParams = z.output<typeof YearParams>;

export const GetKpisQuery = z.object({
  asOf: z.iso
    .date()
    .optional()
    .meta({ description: 'YYYY-MM-DD: count only events whose business time is on or before the end of that day (Asia/Shanghai)' }),
  knownAt: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Count only what the platform had received by this instant (events, corrections, KPI settings): "what did we know then"' }),
  cache: z.enum(['use', 'bypass']).default('use').meta({ description: '`bypass` reads the rollups from PostgreSQL, skipping the Redis cache' }),
});
export type GetKpisQuery = z.output<typeof GetKpisQuery>;
