import { z } from 'zod';
import { businessTime, fromDbDate, instantOnDate, PastOrToday, shanghaiDateOf, toDbDate, todayInShanghai } from './business-time';

describe('business time 业务时间', () => {
  it('uses noon in Shanghai when only a date is known, so the Shanghai year is the date’s year', () => {
    expect(businessTime('2024-12-31')).toBe('2024-12-31T12:00:00+08:00');
    expect(shanghaiDateOf(businessTime('2024-12-31'))).toBe('2024-12-31');
    expect(new Date(businessTime('2024-01-01')).toISOString()).toBe('2024-01-01T04:00:00.000Z');
  });

  it('prefers the exact instant when one is given', () => {
    expect(businessTime('2024-07-02', '2024-07-02T09:30:00+08:00')).toBe('2024-07-02T09:30:00+08:00');
  });

  it('reads the Shanghai date across the UTC day boundary', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Shanghai: a different KPI year.
    expect(shanghaiDateOf('2024-12-31T23:30:00Z')).toBe('2025-01-01');
    expect(shanghaiDateOf('2025-01-01T00:30:00+08:00')).toBe('2025-01-01');
  });

  it('round-trips a date through a DATE column', () => {
    expect(fromDbDate(toDbDate('2024-02-29'))).toBe('2024-02-29');
  });

  describe('instantOnDate', () => {
    const sut = z
      .object({ landedOn: z.string(), landedAt: z.string().optional() })
      .superRefine((d, ctx) => instantOnDate(d, 'landedOn', 'landedAt', ctx));

    it('accepts an instant on the date in Shanghai, or no instant', () => {
      expect(sut.safeParse({ landedOn: '2024-07-02', landedAt: '2024-07-01T17:00:00Z' }).success).toBe(true);
      expect(sut.safeParse({ landedOn: '2024-07-02' }).success).toBe(true);
    });

    // The bug: zod runs the refinement although the instant already failed its
    // format, and reading "" as a date threw "Invalid time value" (a 500).
    it.each(['', 'x', '2024-13-45'])('leaves an instant that is not one (%j) to its own field’s error instead of throwing', (landedAt) => {
      const strict = z
        .object({ landedOn: z.iso.date(), landedAt: z.iso.datetime({ offset: true }).optional() })
        .superRefine((d, ctx) => instantOnDate(d, 'landedOn', 'landedAt', ctx));
      const result = strict.safeParse({ landedOn: '2024-07-02', landedAt });
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['landedAt', 'invalid_format']]);
    });

    it('refuses an instant on another Shanghai day, naming the instant field', () => {
      const result = sut.safeParse({ landedOn: '2024-07-02', landedAt: '2024-07-02T16:30:00Z' });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['landedAt'], code: 'custom' });
    });
  });

  describe('PastOrToday', () => {
    // 17:30 UTC on 31 Dec 2024 is already 1 Jan 2025 in Shanghai.
    beforeEach(() => jest.useFakeTimers({ now: new Date('2024-12-31T17:30:00Z') }));
    afterEach(() => jest.useRealTimers());

    it('reads today in Shanghai, not in the server’s zone', () => {
      expect(todayInShanghai()).toBe('2025-01-01');
    });

    it('accepts today and past dates in Shanghai', () => {
      expect(PastOrToday.safeParse('2025-01-01').success).toBe(true);
      expect(PastOrToday.safeParse('2016-02-29').success).toBe(true);
    });

    it('refuses a date after today in Shanghai, saying so', () => {
      const result = PastOrToday.safeParse('2025-01-02');
      expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'custom', message: 'must not be in the future (Asia/Shanghai)' })]);
    });

    it('reports a string that is not a date as a bad format only, not also as "in the future"', () => {
      expect(PastOrToday.safeParse('x').error?.issues.map((i) => i.code)).toEqual(['invalid_format']);
    });
  });
});
