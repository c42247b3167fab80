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

/**
 * Business dates the fuzz suite writes into the shared platform: in the
 * past (the services refuse business times in the future) but before the
 * demo year, so the random records and events it creates do not change the
 * figures of the KPI years people look at (2020 is the contracts' first Year).
 */
export const FUZZ_BUSINESS_YEARS = { min: 2020, max: 2021 } as const;

/** A short unique tag of this run, so ids never collide with a previous run's. */
export const RUN_TAG = `fz${Date.now().toString(36)}${FUZZ_SEED.toString(36)}`;
