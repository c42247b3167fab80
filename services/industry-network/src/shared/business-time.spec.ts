import { businessTime, fromDbDate, toDbDate, todayInShanghai } from './business-time';

describe('business time (Asia/Shanghai)', () => {
  it('takes the Shanghai calendar date, not the UTC one', () => {
    // 2024-12-31 17:30 UTC is already 2025-01-01 01:30 in Shanghai.
    expect(todayInShanghai(new Date('2024-12-31T17:30:00Z'))).toBe('2025-01-01');
  });

  it('puts a given date at the start of that day in Shanghai, so it counts in that year', () => {
    expect(businessTime('2024-06-18')).toEqual({ date: '2024-06-18', time: '2024-06-18T00:00:00.000+08:00' });
  });

  it('uses now when no date is given', () => {
    expect(businessTime(undefined, new Date('2024-06-18T02:00:00Z'))).toEqual({ date: '2024-06-18', time: '2024-06-18T10:00:00.000+08:00' });
  });

  it('round-trips a calendar date through a @db.Date column', () => {
    expect(fromDbDate(toDbDate('2024-02-29'))).toBe('2024-02-29');
  });
});
