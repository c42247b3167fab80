/**
 * The benchmark's results file, written as the run goes: every figure as
 * soon as it is measured and every phase when it starts and ends, so a run
 * that dies (a machine too busy, a service that falls over) still leaves
 * what it measured in e2e/results/bench.json. A phase that fails records its
 * error and the run goes on with the next one.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MachineDescription } from './machine';
import { Figures, tidy } from './stats';

export interface PhaseRecord {
  status: 'running' | 'done' | 'failed' | 'skipped';
  startedAt: string;
  seconds?: number;
  /** 1-minute load average of the machine when the phase started and ended: how noisy its numbers may be. */
  load: { start: number; end?: number };
  error?: string;
}

export const RATIO_NAMES = ['e2eVsRawKafka', 'runtimeVsStockNest', 'runtimeVsStockNestBursts', 'kpiApiVsBareFastify', 'tracingOnVsOff', 'kpiCostAt50kVs0'] as const;
export type RatioName = (typeof RATIO_NAMES)[number];

export class Recorder {
  readonly figures = new Figures();
  readonly ratios: Record<RatioName, number | null> = Object.fromEntries(RATIO_NAMES.map((n) => [n, null])) as Record<RatioName, number | null>;
  readonly phases: Record<string, PhaseRecord> = {};
  readonly details: Record<string, unknown> = {};
  private readonly startedAt = new Date().toISOString();
  private readonly t0 = performance.now();

  constructor(
    private readonly file: string,
    private readonly machine: MachineDescription,
    private readonly sizes: unknown,
    private readonly log: (line: string) => void,
  ) {}

  set(name: string, value: number, unit: string, note?: string, rounds?: readonly number[]): number {
    this.figures.set(name, value, unit, note, rounds);
    this.write();
    return value;
  }

  median(name: string, rounds: readonly number[], unit: string, note?: string): number {
    const m = this.figures.median(name, rounds, unit, note);
    this.write();
    return m;
  }

  ratio(name: RatioName, value: number): void {
    this.ratios[name] = Number.isFinite(value) ? Number(value.toPrecision(4)) : null;
    this.write();
  }

  detail(name: string, value: unknown): void {
    this.details[name] = value;
    this.write();
  }

  /** Runs one phase: its error is recorded and logged, never thrown, so the next phase runs. */
  async phase(name: string, run: () => Promise<void>, skip?: string): Promise<boolean> {
    const record: PhaseRecord = { status: 'running', startedAt: new Date().toISOString(), load: { start: load() } };
    this.phases[name] = record;
    if (skip !== undefined) {
      Object.assign(record, { status: 'skipped', error: skip });
      this.log(`phase ${name}: skipped (${skip})`);
      this.write();
      return false;
    }
    this.log(`phase ${name} (load ${record.load.start})`);
    this.write();
    const started = performance.now();
    try {
      await run();
      record.status = 'done';
      return true;
    } catch (error) {
      record.status = 'failed';
      record.error = error instanceof Error ? `${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}` : String(error);
      this.log(`phase ${name} FAILED: ${record.error.split('\n')[0]}`);
      return false;
    } finally {
      record.seconds = tidy((performance.now() - started) / 1000);
      record.load.end = load();
      this.write();
    }
  }

  /** Writes the whole file (to a temporary name, then renamed: a reader never sees half a file). */
  write(): void {
    const result = {
      machine: this.machine,
      ratios: this.ratios,
      figures: this.figures.all,
      phases: this.phases,
      run: { startedAt: this.startedAt, seconds: Math.round((performance.now() - this.t0) / 1000), sizes: this.sizes, ...this.details },
    };
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`);
    renameSync(tmp, this.file);
  }
}

const load = () => Math.round(os.loadavg()[0]! * 100) / 100;
