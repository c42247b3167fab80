import { foldFigures } from './figures';

describe('foldFigures', () => {
  it('splits each KPI total by month, network and region, each split summing to the total', () => {
    const figures = foldFigures([
      { kpiCode: 'events', month: 1, network: 'service', region: 'tianjin', value: 2 },
      { kpiCode: 'events', month: 12, network: 'service', region: 'beijing', value: 1 },
      { kpiCode: 'landed', month: 3, network: 'service', region: 'tianjin', value: 4 },
    ]);
    expect(figures.get('events')).toEqual({ total: 3, month: { '01': 2, '12': 1 }, network: { service: 3 }, region: { tianjin: 2, beijing: 1 } });
    expect(figures.get('landed')!.total).toBe(4);
  });
});
