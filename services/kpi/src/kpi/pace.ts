/**
 * Progress of a KPI against the share of the year elapsed, and a simple
 * linear forecast to the year end. Pure arithmetic; the share comes from
 * business-time.ts (Asia/Shanghai calendar).
 */

/**
 * Extrapolating from the first days of a year is noise (two events on 3
 * January do not forecast 240): the forecast never divides by less than one
 * month's share of the year.
 */
export const MIN_FORECAST_SHARE = 1 / 12;

export interface Pace {
  /** Share of the year elapsed, 0–1. */
  readonly elapsedShare: number;
  /** Target × elapsed share: where the KPI should be by now (2 decimals). */
  readonly expected: number;
  /** Actual / elapsed share (bounded, see MIN_FORECAST_SHARE), never below the actual. */
  readonly forecast: number;
  /** Actual / target (null when the target is 0). */
  readonly progress: number | null;
  /**
   * Behind pace: the actual is below the whole units expected by now. Whole
   * units, so a KPI is not "behind" for lacking 0.4 of an event in January.
   */
  readonly behind: boolean;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function paceOf(target: number, actual: number, elapsedShare: number): Pace {
  const share = Math.min(1, Math.max(0, elapsedShare));
  const expected = round2(target * share);
  const forecast = share <= 0 ? actual : share >= 1 ? actual : Math.max(actual, Math.round(actual / Math.max(share, MIN_FORECAST_SHARE)));
  return {
    elapsedShare: Math.round(share * 10_000) / 10_000,
    expected,
    forecast,
    progress: target > 0 ? round2(actual / target) : null,
    behind: share > 0 && actual < Math.floor(expected),
  };
}
