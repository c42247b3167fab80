import { z } from 'zod';
import { LocalDate, toShanghaiIso } from '@tjc/contracts';

/**
 * The instant "now" and "today" are read from. Only a test pins it, in the
 * process it runs the service in: what is overdue, or in the future, must not
 * change under a test whose run crosses midnight in Asia/Shanghai.
 */
let pinned: Date | undefined;
export function pinBusinessClockForTests(at: Date | undefined): void {
  pinned = at;
}
const businessNow = (): Date => pinned ?? new Date();

/** Today's calendar date in Asia/Shanghai, whatever the server's zone. */
export function todayInShanghai(now: Date = businessNow()): string {
  return toShanghaiIso(now).slice(0, 10);
}

/**
 * The business date and the event time of a fact. When the caller names the
 * date (the demo replays a past year; a coordinator records yesterday's
 * signing), the event time is the start of that day in Asia/Shanghai, so KPI
 * counting puts it in that date's year. Otherwise it happened now.
 */
export function businessTime(given: string | undefined, now: Date = businessNow()): { readonly date: string; readonly time: string } {
  if (given === undefined) return { date: todayInShanghai(now), time: toShanghaiIso(now) };
  return { date: given, time: `${given}T00:00:00.000+08:00` };
}

/** `@db.Date` columns hold a calendar date; Prisma maps it to UTC midnight. */
export function toDbDate(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

export function fromDbDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A business date that has already happened: a formation or milestone cannot be in the future. */
export const PastOrToday = LocalDate.refine((d) => d <= todayInShanghai(), { message: '不能晚于今天（北京时间） / must not be in the future (Asia/Shanghai)' });

/** Optional query-string boolean: only the literal words are accepted. */
export const QueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
