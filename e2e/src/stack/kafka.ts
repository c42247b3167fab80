/**
 * A private Kafka broker: the project's own infra/kafka/kafka.sh with its own
 * run folder and port, so the fault suite can stop and restart a broker
 * without touching the shared one on 9092.
 */
import path from 'node:path';
import { run } from './processes';

export class PrivateKafka {
  constructor(
    private readonly repoRoot: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private script(command: 'start' | 'stop' | 'reset' | 'status'): Promise<string> {
    return run(path.join(this.repoRoot, 'infra', 'kafka', 'kafka.sh'), [command], {
      env: { ...process.env, KAFKA_RUN_DIR: this.dir, KAFKA_PORT: String(this.port), KAFKA_HEAP: process.env['KAFKA_HEAP'] ?? '-Xmx512m' },
    });
  }

  /** Starts (formatting the storage on first use) and waits until the broker answers. */
  start(): Promise<string> {
    return this.script('start');
  }

  /** SIGTERM, then SIGKILL after KAFKA_STOP_TIMEOUT: a clean broker stop. */
  stop(): Promise<string> {
    return this.script('stop');
  }

  /** Stops and wipes the data. */
  destroy(): Promise<string> {
    return this.script('reset');
  }
}
