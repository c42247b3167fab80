/**
 * Numbers of the benchmark: medians over rounds, percentiles over latency
 * samples, and the figures table written to bench.json.
 */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (q in 0..1) of unsorted samples. */
export function percentile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export interface Figure {
  readonly value: number;
  readonly unit: string;
  /** What the number is, for the summary table and for a reader of bench.json. */
  readonly note?: string;
  /** The per-round values a median was taken from. */
  readonly rounds?: readonly number[];
}

/** Rounds a figure to what the measurement can support: 3 significant digits, at most 2 decimals. */
export function tidy(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, Math.min(2, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(digits));
}

export class Figures {
  readonly all: Record<string, Figure> = {};

  set(name: string, value: number, unit: string, note?: string, rounds?: readonly number[]): number {
    this.all[name] = { value: tidy(value), unit, ...(note !== undefined && { note }), ...(rounds !== undefined && { rounds: rounds.map(tidy) }) };
    return value;
  }

  /** Records the median of `rounds` and returns it. */
  median(name: string, rounds: readonly number[], unit: string, note?: string): number {
    return this.set(name, median(rounds), unit, note, rounds);
  }

  value(name: string): number | undefined {
    return this.all[name]?.value;
  }
}

/** a / b, or NaN when either side was not measured. */
export function ratio(a: number | undefined, b: number | undefined): number {
  return a === undefined || b === undefined || b === 0 ? Number.NaN : a / b;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
