/**
 * The seed of a property test. Committed in the test (so every run of a
 * commit is the same, in CI and on a laptop); PROPERTY_SEED=<n> replays
 * another, PROPERTY_SEED=random explores. Printed, so a failure found while
 * exploring can be replayed and then committed as a regression case.
 */
export function propertySeed(committed: number, name: string): number {
  const raw = process.env['PROPERTY_SEED'];
  const seed = raw === undefined || raw === '' ? committed : raw === 'random' ? Math.floor(Math.random() * 0x7fffffff) : Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`PROPERTY_SEED must be an integer or "random", got "${raw}"`);
  process.stdout.write(`[property] ${name}: seed ${seed}${seed === committed ? ' (committed)' : ''}\n`);
  return seed;
}
