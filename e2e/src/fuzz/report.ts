/**
 * The fuzz suite's counts: each fuzz test file adds its section to
 * e2e/results/fuzz.json (git-ignored), so one file holds the numbers of the
 * last run of every part, with the seed that replays it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FUZZ_RUNS, FUZZ_SEED } from './config';

export const RESULTS_FILE = path.join(__dirname, '..', '..', 'results', 'fuzz.json');

export function recordSection(name: string, section: Record<string, unknown>): void {
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // First run, or an unreadable file from an older format: start afresh.
  }
  all[name] = { ...section, seed: FUZZ_SEED, fuzzRuns: FUZZ_RUNS, at: new Date().toISOString() };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
}

/** A fixed-width text table for the console. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
