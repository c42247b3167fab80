import { currentDefinitions, definitionFrom, sortHistory, type TargetSetData } from './kpi-definition';

const data = (kpiCode: string, target: number, sortOrder?: number): TargetSetData => ({
  year: 2024,
  kpiCode,
  label: { zh: '活动', en: 'Events' },
  unit: { zh: '场', en: 'events' },
  target,
  eventTypes: ['service.activity.held.v1'],
  filters: [],
  counting: { kind: 'count-distinct', key: 'subject' },
  ...(sortOrder !== undefined && { sortOrder }),
});
const at = (iso: string, id: string, received = iso) => ({ source: 'tjc/center', id, time: new Date(iso), receivedAt: new Date(received) });

describe('KPI definitions', () => {
  it('the latest setting by business time wins, whatever the arrival order', () => {
    const first = definitionFrom(data('events', 10), at('2024-01-05T00:00:00Z', 'a', '2024-03-01T00:00:00Z'));
    const second = definitionFrom(data('events', 12), at('2024-02-01T00:00:00Z', 'b', '2024-02-01T00:00:00Z'));
    expect(currentDefinitions([second, first]).map((d) => d.target)).toEqual([12]);
    expect(sortHistory([second, first]).map((d) => d.setBy.id)).toEqual(['a', 'b']);
  });

  it('breaks a tie in business time by arrival', () => {
    const a = definitionFrom(data('events', 10), at('2024-01-05T00:00:00Z', 'z', '2024-01-05T00:00:01Z'));
    const b = definitionFrom(data('events', 11), at('2024-01-05T00:00:00Z', 'a', '2024-01-05T00:00:02Z'));
    expect(currentDefinitions([b, a])[0]!.target).toBe(11);
  });

  it('orders KPIs by sortOrder, then code', () => {
    const defs = [data('zeta', 1, 1), data('alpha', 1), data('beta', 1, 2)].map((d, i) => definitionFrom(d, at('2024-01-01T00:00:00Z', `e${i}`)));
    expect(currentDefinitions(defs).map((d) => d.kpiCode)).toEqual(['zeta', 'beta', 'alpha']);
  });
});
