import { z } from 'zod';
import { PageQuery } from '@tjc/runtime';

export const DrillDownParams = z.object({
  year: z.coerce.number().int().min(2020).max(2100),
  kpiCode: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be a kebab-case KPI code'),
});
export type DrillDownParams = z.output<typeof DrillDownParams>;

export const DrillDownQuery = PageQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  status: z.enum(['counted', 'duplicate', 'retracted', 'excluded']).optional().meta({ description: 'Only events with this status' }),
  asOf: z.iso.date().optional().meta({ description: 'Only events with business time up to the end of this day (Asia/Shanghai)' }),
});
export type DrillDownQuery = z.output<typeof DrillDownQuery>;
