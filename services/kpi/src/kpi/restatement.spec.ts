import { detectRestatements } from './restatement';

describe('detectRestatements', () => {
  const before = new Map([
    ['events', 10],
    ['trainees', 800],
  ]);
  it('records nothing for an open year', () => {
    expect(detectRestatements(false, before, new Map([['events', 11]]))).toEqual([]);
  });
  it('records each changed KPI of a closed year with previous and new value', () => {
    expect(detectRestatements(true, before, new Map([['events', 11], ['trainees', 800]]))).toEqual([{ kpiCode: 'events', previousValue: 10, newValue: 11 }]);
  });
  it('treats a KPI that appears or disappears as a change from or to 0', () => {
    expect(detectRestatements(true, new Map([['events', 2]]), new Map([['landed', 1]]))).toEqual([
      { kpiCode: 'events', previousValue: 2, newValue: 0 },
      { kpiCode: 'landed', previousValue: 0, newValue: 1 },
    ]);
  });
  it('records nothing when the values are equal', () => {
    expect(detectRestatements(true, before, new Map(before))).toEqual([]);
  });
});
