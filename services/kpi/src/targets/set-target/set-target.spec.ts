import { z } from 'zod';
import { DOMAIN_EVENT_TYPES, SetTargetCommand } from './set-target.command';

const target = {
  label: { zh: '举办活动', en: 'Activities held' },
  unit: { zh: '场', en: 'activities' },
  target: 10,
  eventTypes: ['service.activity.held.v1'],
  counting: { kind: 'count-distinct', key: 'subject' },
};

describe('SetTargetCommand', () => {
  // The rule was a refinement on a bare string: the OpenAPI document showed
  // "any string", so a documented body was refused and a path error went unnamed behind it.
  it('documents the event types a KPI may count as an enum of the catalogue’s domain events', () => {
    const documented = z.toJSONSchema(SetTargetCommand, { io: 'input' }) as { properties: Record<string, { items?: { enum?: string[] } }> };
    const listed = documented.properties['eventTypes']?.items?.enum ?? [];
    expect(listed).toEqual(DOMAIN_EVENT_TYPES);
    expect(listed).toContain('service.activity.held.v1');
    expect(listed.filter((t) => t.startsWith('center.') || t.startsWith('kpi.'))).toEqual([]);
  });

  it('refuses an unknown or a center event type, naming the item and the rule', () => {
    for (const type of ['service.party.held.v1', 'center.kpi.target-set.v1']) {
      const result = SetTargetCommand.safeParse({ ...target, eventTypes: ['service.activity.held.v1', type] });
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['eventTypes.1', 'must be a domain event type of the contracts catalogue']]);
    }
    expect(SetTargetCommand.safeParse(target).success).toBe(true);
  });
});
