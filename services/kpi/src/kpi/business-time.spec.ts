import { elapsedShareOfYear, endOfShanghaiDay, shanghaiDate, shanghaiMonth, shanghaiYear, startOfShanghaiYear } from './business-time';

describe('business time in Asia/Shanghai', () => {
  it.each([
    ['2024-12-31T15:59:59Z', 2024],
    ['2024-12-31T15:59:59.999Z', 2024],
    ['2024-12-31T16:00:00Z', 2025],
    ['2024-12-31T23:59:59+08:00', 2024],
    ['2025-01-01T00:00:00+08:00', 2025],
    // Tokyo's midnight is 23:00 in Shanghai: still the old year.
    ['2025-01-01T00:30:00+09:00', 2024],
    // New York's evening of 31 December is already 1 January in Shanghai.
    ['2024-12-31T11:00:00-05:00', 2025],
    ['2024-12-31T10:59:59-05:00', 2024],
    ['2024-01-01T00:00:00+08:00', 2024],
    ['2023-12-31T16:00:00Z', 2024],
  ])('%s belongs to %i', (time, year) => {
    expect(shanghaiYear(time)).toBe(year);
  });

  it('gives the month and date in Shanghai, not in UTC', () => {
    expect(shanghaiMonth('2024-06-30T16:30:00Z')).toBe(7);
    expect(shanghaiDate('2024-06-30T16:30:00Z')).toBe('2024-07-01');
    expect(shanghaiMonth('2024-06-30T15:59:59Z')).toBe(6);
  });

  it('does not depend on the process time zone', () => {
    const before = process.env['TZ'];
    process.env['TZ'] = 'America/New_York';
    try {
      expect(shanghaiYear(new Date('2024-12-31T16:00:00Z'))).toBe(2025);
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });

  it('ends a day at its last millisecond in Shanghai', () => {
    expect(endOfShanghaiDay('2024-06-30').toISOString()).toBe('2024-06-30T15:59:59.999Z');
    expect(startOfShanghaiYear(2025).toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect(() => endOfShanghaiDay('2024/06/30')).toThrow(RangeError);
    expect(() => shanghaiYear('not a time')).toThrow(RangeError);
  });

  it('measures the elapsed share of a (leap) year', () => {
    expect(elapsedShareOfYear(2024, new Date('2023-12-31T15:59:59Z'))).toBe(0);
    expect(elapsedShareOfYear(2024, startOfShanghaiYear(2024))).toBe(0);
    // 2024 is a leap year: 1 July 00:00 is day 182 of 366.
    expect(elapsedShareOfYear(2024, new Date('2024-07-01T00:00:00+08:00'))).toBeCloseTo(182 / 366, 10);
    expect(elapsedShareOfYear(2025, new Date('2025-07-02T12:00:00+08:00'))).toBeCloseTo(182.5 / 365, 10);
    expect(elapsedShareOfYear(2024, startOfShanghaiYear(2025))).toBe(1);
    expect(elapsedShareOfYear(2024, new Date('2030-01-01T00:00:00Z'))).toBe(1);
  });
});
