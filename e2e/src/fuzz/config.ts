/**
 * Settings of the fuzz suites, read once.
 *
 * Seeds are committed (seeds.json), so a commit's fuzz runs are the same
 * every time, in CI and on a developer's machine: whether it is green does
 * not depend on luck. Each fuzz test prints the seed it used.
 *   FUZZ_SEED unset      the committed seed
 *   FUZZ_SEED=<integer>  that seed (replay a printed one)
 *   FUZZ_SEED=random     a fresh seed, for exploration (`pnpm fuzz`)
 * Every seed that once failed stays as a regression on the property it
 * failed, replayed on every run besides the main seed (seeds.json).
 * FUZZ_RUNS scales every property's number of runs (default sized for a
 * 2-core CI machine: the whole suite in about three minutes).
 */
import fc from 'fast-check';
import committed from './seeds.json';

function intFromEnv(name: string, fallback: () => number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback();
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function seedFromEnv(): number {
  const raw = process.env['FUZZ_SEED'];
  if (raw === 'random') return Math.floor(Math.random() * 0x7fffffff);
  return intFromEnv('FUZZ_SEED', () => committed.seed, 0);
}

export const FUZZ_SEED = seedFromEnv();
export const FUZZ_RUNS = intFromEnv('FUZZ_RUNS', () => 20, 1);

export interface FuzzRegression {
  readonly suite: 'endpoints' | 'gateway' | 'contracts';
  /** The property as the suites name it: `<service> <METHOD> <path> <phase>` for the endpoint fuzz. */
  readonly property: string;
  readonly seed: number;
  readonly found: string;
  readonly fixedBy: string;
}

export const FUZZ_REGRESSIONS: readonly FuzzRegression[] = committed.regressions as FuzzRegression[];

/** The seeds a property runs with: the run's seed, then each seed it once failed with. */
export function seedsFor(suite: FuzzRegression['suite'], property: string): number[] {
  return [FUZZ_SEED, ...FUZZ_REGRESSIONS.filter((r) => r.suite === suite && r.property === property && r.seed !== FUZZ_SEED).map((r) => r.seed)];
}

/** fast-check parameters shared by every property: the seed, and no time lost shrinking network calls (endOnFailure). */
export function fuzzParameters(numRuns: number, seed = FUZZ_SEED): fc.Parameters<unknown> {
  return { seed, numRuns, endOnFailure: true, verbose: fc.VerbosityLevel.None };
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
