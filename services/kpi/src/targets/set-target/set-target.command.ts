import { z } from 'zod';
import { CATALOGUE, isEventType } from '@tjc/contracts';

export const TargetParams = z.object({
  year: z.coerce.number().int().min(2020).max(2100),
  kpiCode: z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be kebab-case, 2–63 characters'),
});
export type TargetParams = z.output<typeof TargetParams>;

/**
 * The body is the data of `center.kpi.target-set.v1` without the year and
 * code (they are in the path); the event types a KPI counts must be domain
 * events of the catalogue, not the center's own.
 */
export const SetTargetCommand = CATALOGUE['center.kpi.target-set.v1'].data.omit({ year: true, kpiCode: true }).extend({
  eventTypes: z
    .array(z.string().min(1).refine((t) => isEventType(t) && !t.startsWith('center.') && !t.startsWith('kpi.'), 'must be a domain event type of the contracts catalogue'))
    .min(1),
});
export type SetTargetCommand = z.output<typeof SetTargetCommand>;
