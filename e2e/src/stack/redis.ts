/**
 * A private redis-server on its own port (no persistence), so the fault
 * suite can flush it or kill and restart it without touching the machine's
 * shared Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { run, sleep, waitForPort } from './processes';

export class PrivateRedis {
  private child: ChildProcess | undefined;

  constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** exitCode stays null when a signal ended the process, so both are checked. */
  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.alive) return;
    mkdirSync(this.dir, { recursive: true });
    const log = createWriteStream(path.join(this.dir, 'redis.log'), { flags: 'a' });
    // No RDB/AOF: a restart loses everything, the harshest case for "jobs and rollups recover".
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    await waitForPort(this.port, 15_000);
  }

  /** SIGKILL (a crash: whatever was only in Redis is gone). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    await sleep(100);
  }

  flushAll(): Promise<string> {
    return run('redis-cli', ['-p', String(this.port), 'FLUSHALL']);
  }

  async destroy(): Promise<void> {
    await this.kill();
  }
}
