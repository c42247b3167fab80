/**
 * Regenerates the checked-in contract artifacts (AsyncAPI, JSON Schemas) and,
 * with --freeze, freezes every new version into schemas/history + fixtures.
 *   pnpm --filter @tjc/contracts gen:artifacts
 *   pnpm --filter @tjc/contracts freeze     (after bumping an event's version)
 */
import { freezeNewVersions, writeGenerated } from './artifacts';

const written = writeGenerated();
console.log(`contracts: ${written} generated file(s) updated`);
if (process.argv.includes('--freeze')) {
  const frozen = freezeNewVersions();
  console.log(frozen.length ? `contracts: froze ${frozen.join(', ')}` : 'contracts: no new versions to freeze');
}
