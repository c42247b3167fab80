import { allDefinitions, isEventType, type EventType } from '@tjc/contracts';
import { sourceOf, type PartnerId } from './partner';

/** Event types each partner may publish. */
export type Grants = ReadonlyMap<PartnerId, ReadonlySet<EventType>>;

/**
 * The contracts decide who may publish what (`publishers` of each
 * definition); PARTNER_GRANTS may only narrow that, per partner, e.g. while a
 * partner's integration of a type is still being tested. A grant the
 * contracts do not allow is a configuration error, reported at boot.
 */
export function buildGrants(partners: readonly PartnerId[], narrowed: Partial<Record<PartnerId, readonly string[]>> = {}): { grants: Grants; problems: string[] } {
  const problems: string[] = [];
  const grants = new Map<PartnerId, Set<EventType>>();
  for (const partner of partners) {
    const source = sourceOf(partner);
    const allowed = new Set(allDefinitions().filter((d) => (d.publishers as readonly string[]).includes(source)).map((d) => d.type as EventType));
    const wanted = narrowed[partner];
    if (wanted === undefined) {
      grants.set(partner, allowed);
      continue;
    }
    const granted = new Set<EventType>();
    for (const type of wanted) {
      if (!isEventType(type)) problems.push(`PARTNER_GRANTS.${partner}: "${type}" is not an event type of the contracts catalogue`);
      else if (!allowed.has(type)) problems.push(`PARTNER_GRANTS.${partner}: the contracts do not allow ${source} to publish ${type}`);
      else granted.add(type);
    }
    grants.set(partner, granted);
  }
  return { grants, problems };
}

export function isGranted(grants: Grants, partner: PartnerId, type: string): boolean {
  return isEventType(type) && (grants.get(partner)?.has(type) ?? false);
}
