/**
 * The demo year as one timeline: every network contributes dated steps (a
 * project submitted, a challenge awarded, a session completed, a partner
 * batch sent…), and the demo plays them in business-time order. Steps of one
 * record follow their own dates, so dependencies between networks hold by
 * construction (a transfer lands after its achievement was listed; a
 * consortium after the award that proposed it).
 */

export type Lane = '科研' | '产业' | '服务' | '基金' | '合作方' | '中心';

export interface Step {
  /** Business date (YYYY-MM-DD) or instant with offset. */
  readonly at: string;
  readonly lane: Lane;
  readonly label: string;
  readonly run: () => Promise<string | void>;
}

/** Epoch ms of a step's business time; a plain date counts as noon in Shanghai (the service network's convention). */
export function instantOf(at: string): number {
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T12:00:00+08:00` : at);
  if (Number.isNaN(ms)) throw new Error(`not a date or instant: ${at}`);
  return ms;
}

/** Business-time order; steps at the same time keep the order they were added in (stable). */
export function sortSteps<T extends Pick<Step, 'at'>>(steps: readonly T[]): T[] {
  return steps
    .map((step, index) => ({ step, index, t: instantOf(step.at) }))
    .sort((a, b) => a.t - b.t || a.index - b.index)
    .map((x) => x.step);
}

/** The Shanghai calendar date of a step, for the log. */
export function dateOf(at: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(at) ? at : new Date(instantOf(at) + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order; the first failure rejects. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export class WaitTimeout extends Error {}

/**
 * Polls `probe` until it returns a value (not undefined), every `intervalMs`,
 * for at most `timeoutMs`: for effects of events, which arrive when the
 * consumer has processed them, not at a known time.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, options: { timeoutMs?: number; intervalMs?: number; lastSeen?: () => string } = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new WaitTimeout(`waited ${Math.round(timeoutMs / 1000)} s for ${what}${options.lastSeen ? ` (last seen: ${options.lastSeen()})` : ''}`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 300));
  }
}
