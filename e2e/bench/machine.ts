/** The machine a run measured, written beside its figures: numbers are only comparable on the same one. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineDescription {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly kernel: string;
  readonly platform: string;
  readonly loadAverageAtStart: readonly number[];
  readonly hostname: string;
}

function kernelVersion(): string {
  try {
    return readFileSync('/proc/sys/kernel/osrelease', 'utf8').trim();
  } catch {
    return os.release();
  }
}

export function describeMachine(): MachineDescription {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    kernel: `${os.type()} ${kernelVersion()}`,
    platform: `${os.platform()}-${os.arch()}`,
    // Other engineers share the machine: the load when we started says how noisy the numbers may be.
    loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    hostname: os.hostname(),
  };
}
