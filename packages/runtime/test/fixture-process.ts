import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expectEventually } from '@tjc/testing';

const MAIN = path.join(__dirname, 'fixture-service', 'main.ts');

export interface FixtureProcess {
  readonly port: number;
  readonly url: string;
  readonly output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

let nextPort = 3900 + Number(process.env['JEST_WORKER_ID'] ?? 0) * 20;

/**
 * Runs the fixture service as a real separate process (TypeScript sources
 * through @swc-node/register), so it can be SIGKILLed and traced like any
 * deployed service.
 */
export async function spawnFixture(env: Record<string, string>): Promise<FixtureProcess> {
  const port = nextPort++;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--conditions=@tjc/source', '-r', '@swc-node/register', MAIN], {
    cwd: path.join(__dirname, '..'),
    // Rate limits off unless a test turns them on (with its own key prefix): other tests share no counters.
    env: { ...process.env, NODE_OPTIONS: '', PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_MODE: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  await expectEventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`fixture exited with ${child.exitCode}:\n${output.slice(-3000)}`);
      const res = await fetch(`${url}/health/ready`);
      if (!res.ok) throw new Error(`not ready: ${res.status}`);
    },
    // A bound for a fixture that never starts, not a speed check (a loaded CI machine is slow).
    { timeoutMs: 180_000, intervalMs: 200 },
  );
  return {
    port,
    url,
    output: () => output,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
