/** Resident memory of every service process, sampled while the bench loads the platform. */
import type { PrivateStack } from '../src/stack';

export class RssSampler {
  private readonly peak = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly stack: PrivateStack,
    private readonly everyMs = 500,
  ) {}

  /** Samples every `everyMs` until stop(); peaks accumulate over every start/stop span. */
  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
  }

  private sample(): void {
    for (const [name, s] of Object.entries(this.stack.services)) {
      const rss = s.rss();
      if (rss !== undefined && rss > (this.peak.get(name) ?? 0)) this.peak.set(name, rss);
    }
  }

  /** Peak RSS per service, MiB. */
  peaksMiB(): Map<string, number> {
    return new Map([...this.peak].map(([k, v]) => [k, v / 2 ** 20]));
  }
}

/** RSS per service right now, MiB (the idle baseline). */
export function currentRssMiB(stack: PrivateStack): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, s] of Object.entries(stack.services)) {
    const rss = s.rss();
    if (rss !== undefined) out.set(name, rss / 2 ** 20);
  }
  return out;
}
