/**
 * Settings of the fuzz suite, read once. The seed is printed by every fuzz
 * test so that a failure seen in CI can be replayed exactly:
 *   FUZZ_SEED=<printed seed> pnpm --filter @tjc/e2e exec … jest … security/fuzz
 * FUZZ_RUNS scales every property's number of runs (default sized for a
 * 2-core CI machine: the whole suite in about three minutes).
 */
import fc from 'fast-check';

function intFromEnv(name: string, fallback: () => number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback();
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export const FUZZ_SEED = intFromEnv('FUZZ_SEED', () => Math.floor(Math.random() * 0x7fffffff), 0);
export const FUZZ_RUNS = intFromEnv('FUZZ_RUNS', () => 20, 1);

/** fast-check parameters shared by every property: the printed seed, and no time lost shrinking network calls (endOnFailure). */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns, endOnFailure: true, verbose: fc.VerbosityLevel.None };
}

/** The current year in Asia/Shanghai, the calendar the services count KPIs in. */
function currentShanghaiYear(): number {
  return new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
}

/**
 * Years other suites own on the shared platform: the scenario suite's
 * business year (2020), the console tests' (2021 and the current year) and
 * the demo year (2024). Nothing the fuzz suite writes may fall in them:
 * closing a year or setting a KPI target cannot be undone, and a fuzz event
 * counted in one of them would break those suites' exact figures.
 */
export const PROTECTED_YEARS: readonly number[] = [2020, 2021, 2024, currentShanghaiYear()];

/**
 * Business dates the fuzz suite writes (records, events, exact instants):
 * in the past (the services refuse business times in the future) and before
 * any KPI year (the contracts' Year starts in 2020), so the random records and
 * events it creates never move a KPI figure anyone reads.
 */
export const FUZZ_BUSINESS_YEARS = { min: 2016, max: 2019 } as const;

/**
 * KPI years the fuzz suite may write to (PUT /kpi/targets/{year}/…, POST
 * /kpi/{year}/close): the KPI API accepts 2020–2100 only, so these cannot be
 * FUZZ_BUSINESS_YEARS; 2022–2023 are valid, past (never the current year
 * again) and used by no other suite. Their KPIs count only events of 2022–2023,
 * which the fuzz suite never dates.
 */
export const FUZZ_KPI_YEARS = { min: 2022, max: 2023 } as const;

for (const range of [FUZZ_BUSINESS_YEARS, FUZZ_KPI_YEARS]) {
  const clash = PROTECTED_YEARS.filter((y) => y >= range.min && y <= range.max);
  if (clash.length) throw new Error(`fuzz years ${range.min}–${range.max} include ${clash.join(', ')}, which other suites own`);
}

/** A short unique tag of this run, so ids never collide with a previous run's. */
export const RUN_TAG = `fz${Date.now().toString(36)}${FUZZ_SEED.toString(36)}`;
