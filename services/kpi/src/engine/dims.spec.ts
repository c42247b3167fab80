/** Where a fact counts: its month in Asia/Shanghai, its network, and its source's region for partners. */
import { dimsOf } from './kpi-engine.service';

describe('dimsOf', () => {
  const at = new Date('2024-03-31T16:30:00Z'); // 1 April in Shanghai
  it('counts a partner’s event in its source’s region, whatever its envelope claims', () => {
    expect(dimsOf({ source: 'partner/hebei-center', type: 'research.project.found.v1', region: 'tianjin', time: at })).toEqual({ month: 4, network: 'research', region: 'hebei' });
  });
  it('keeps the region of the platform’s own events', () => {
    expect(dimsOf({ source: 'tjc/service-network', type: 'service.activity.held.v1', region: 'tianjin', time: at })).toEqual({ month: 4, network: 'service', region: 'tianjin' });
  });
});
