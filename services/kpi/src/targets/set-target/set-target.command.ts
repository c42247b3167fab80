import { z } from 'zod';
import { CATALOGUE, type EventType } from '@tjc/contracts';

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
/**
 * The event types a KPI may count: the catalogue's domain events, not the
 * center's own. An enum rather than a refined string, so the OpenAPI document
 * lists them and a client (or the fuzz suite) knows the valid values.
 */
export const DOMAIN_EVENT_TYPES = (Object.keys(CATALOGUE) as EventType[]).filter((t) => !t.startsWith('center.') && !t.startsWith('kpi.')) as [EventType, ...EventType[]];

export const SetTargetCommand = CATALOGUE['center.kpi.target-set.v1'].data.omit({ year: true, kpiCode: true }).extend({
  eventTypes: z.array(z.enum(DOMAIN_EVENT_TYPES, { error: 'must be a domain event type of the contracts catalogue' })).min(1),
});
export type SetTargetCommand = z.output<typeof SetTargetCommand>;
