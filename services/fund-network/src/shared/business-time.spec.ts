import { fromDbDate, shanghaiDateOf, startOfShanghaiDay, toDbDate, todayInShanghai } from './business-time.service';

describe('business time in Asia/Shanghai', () => {
  it('dates an instant in the Shanghai calendar, whatever the server zone', () => {
    expect(shanghaiDateOf(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
    expect(shanghaiDateOf(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(todayInShanghai(new Date('2025-06-30T20:00:00Z'))).toBe('2025-07-01');
  });

  it('gives a date-only fact the start of its Shanghai day as business time', () => {
    expect(startOfShanghaiDay('2024-08-15')).toBe('2024-08-15T00:00:00+08:00');
    expect(shanghaiDateOf(new Date(startOfShanghaiDay('2024-01-01')))).toBe('2024-01-01');
  });

  it('round-trips @db.Date columns without drifting a day', () => {
    expect(fromDbDate(toDbDate('2024-02-29'))).toBe('2024-02-29');
  });
});
