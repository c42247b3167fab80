/**
 * The center's calendar: KPIs count an event in the calendar year (and month)
 * of its business `time` in Asia/Shanghai, whatever its arrival time or the
 * server's zone. China Standard Time is UTC+8 with no daylight saving since
 * 1991, so a fixed offset is exact for every date the platform can see and
 * needs no time-zone database.
 */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

function shanghaiWallClock(instant: Date | string): Date {
  const ms = (typeof instant === 'string' ? new Date(instant) : instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + SHANGHAI_OFFSET_MS);
}

/** Calendar year of an instant in Asia/Shanghai. */
export function shanghaiYear(instant: Date | string): number {
  return shanghaiWallClock(instant).getUTCFullYear();
}

/** Calendar month (1–12) of an instant in Asia/Shanghai. */
export function shanghaiMonth(instant: Date | string): number {
  return shanghaiWallClock(instant).getUTCMonth() + 1;
}

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant: Date | string): string {
  return shanghaiWallClock(instant).toISOString().slice(0, 10);
}

/** First instant of the year in Asia/Shanghai. */
export function startOfShanghaiYear(year: number): Date {
  return new Date(Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS);
}

/** The last instant (inclusive, millisecond precision) of a calendar date `YYYY-MM-DD` in Asia/Shanghai. */
export function endOfShanghaiDay(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - SHANGHAI_OFFSET_MS;
  return new Date(start + 24 * 3600_000 - 1);
}

/**
 * Share of the year elapsed at `at`, in [0, 1]: 0 before 1 January 00:00 and 1
 * from 1 January of the next year, Asia/Shanghai. Leap years have 366 days.
 */
export function elapsedShareOfYear(year: number, at: Date): number {
  const start = startOfShanghaiYear(year).getTime();
  const end = startOfShanghaiYear(year + 1).getTime();
  const share = (at.getTime() - start) / (end - start);
  return Math.min(1, Math.max(0, share));
}
