/**
 * One platform service as an operating-system process (its built
 * dist/main.js), as ./platform starts it: so a fault can SIGKILL it and a
 * benchmark can read its resident memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { rssBytes, sleep, waitForHttp } from './processes';

export class ServiceProcess {
  private child: ChildProcess | undefined;
  /** How many times the process was started (1 + restarts). */
  starts = 0;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly repoRoot: string,
    private env: NodeJS.ProcessEnv,
    private readonly logFile: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Starts the process and waits until /health/ready answers (Kafka consumers joined, database reachable).
   * The bound only catches a process that never becomes ready, not a slow one: a restart
   * while the rest of the stack is under fault load has taken over 90 s on 2 busy cores.
   */
  async start(timeoutMs = 240_000): Promise<void> {
    if (this.running) return;
    const log = createWriteStream(this.logFile, { flags: 'a' });
    log.write(`\n--- start ${new Date().toISOString()}\n`);
    this.child = spawn(process.execPath, ['--enable-source-maps', path.join(this.repoRoot, 'services', this.name, 'dist', 'main.js')], {
      cwd: this.repoRoot,
      env: { ...this.env, PORT: String(this.port), OTEL_SERVICE_NAME: this.name },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    this.starts++;
    await waitForHttp(`${this.url}/health/ready`, timeoutMs, () => this.running);
  }

  /** Sends a signal and waits for the process to end (SIGKILL: a crash, nothing flushed; SIGTERM: a graceful stop). */
  async kill(signal: NodeJS.Signals = 'SIGKILL', timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timedOut = await Promise.race([exited.then(() => false), sleep(timeoutMs).then(() => true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await exited;
    }
  }

  /** Changes the environment of the next start (e.g. tracing on/off for a benchmark); undefined removes a variable. */
  updateEnv(patch: Readonly<Record<string, string | undefined>>): void {
    const env = { ...this.env };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    this.env = env;
  }

  /**
   * A second instance of the same service (same build, same environment and
   * database) on another port: e.g. a consumer that joins and leaves the
   * group to force rebalances. It starts stopped; call start().
   */
  sibling(port: number, logFile: string): ServiceProcess {
    return new ServiceProcess(this.name, port, this.repoRoot, this.env, logFile);
  }

  async restart(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.kill(signal);
    await this.start();
  }

  rss(): number | undefined {
    const pid = this.pid;
    return pid === undefined ? undefined : rssBytes(pid);
  }
}
