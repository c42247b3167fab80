/**
 * Stock NestJS Kafka transport vs this runtime, doing the same work (a row
 * per event), at the same concurrency, timed from group join, with distinct
 * keys and with same-key bursts: packages/runtime/bench/consumer-throughput.ts, run as a child
 * process (its own Nest apps and Prisma client stay out of this process's
 * heap and event loop) against the private stack's broker and PostgreSQL
 * instead of the shared ones. Its raw kafkajs eachBatch consumer, with the
 * same INSERT per message, is reported too: the database-bound ceiling of a
 * consumer, beside the transport-only ceiling of raw-kafka.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { PrivateStack } from '../src/stack';

export interface ConsumerComparison {
  readonly events: number;
  readonly rounds: number;
  /** events/s per round, per consumer */
  readonly samples: Record<'rawKafkajsEachBatch' | 'stockNestKafka' | 'runtime' | 'rawKafkajsEachBatchBursts' | 'stockNestKafkaBursts' | 'runtimeBursts', number[]>;
  readonly outboxRelayLatencyMs: { readonly p50: number; readonly p99: number; readonly max: number } | undefined;
}

interface RuntimeBenchOutput {
  readonly events: number;
  readonly rounds: number;
  /** events/s per round; `<name>.bursts` for the same-key layout. */
  readonly samples: Partial<Record<string, number[]>>;
  readonly outboxRelayLatencyMs?: { readonly p50: number; readonly p99: number; readonly max: number };
}

export async function compareConsumers(stack: PrivateStack, options: { events: number; rounds: number }, log: (line: string) => void): Promise<ConsumerComparison> {
  const runtimeDir = path.join(stack.root, 'packages', 'runtime');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'tjc-bench-consumers-'));
  const out = path.join(scratch, 'results.json');
  try {
    const child = spawn(process.execPath, ['--conditions=@tjc/source', '-r', '@swc-node/register', 'bench/consumer-throughput.ts', String(options.events), String(options.rounds)], {
      cwd: runtimeDir,
      env: {
        ...process.env,
        TJC_TEST_INFRA: 'local',
        KAFKA_BROKERS: stack.kafka.brokers,
        POSTGRES_ADMIN_URL: stack.postgres.url('postgres'),
        RUNTIME_BENCH_RESULTS: out,
        // 300 samples take half a minute on a busy 2-core machine; 150 still give a p99 (its second-worst sample).
        RUNTIME_BENCH_RELAY_SAMPLES: '150',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    // Its progress lines ("round 1 runtime: … events/s") are ours; its final JSON dump is read from the file.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (/^round |^outbox relay/.test(line)) log(`consumers: ${line}`);
    });
    child.stderr!.on('data', (d: Buffer) => (tail = (tail + d.toString()).slice(-4000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => resolve(c));
    });
    if (code !== 0) throw new Error(`packages/runtime/bench/consumer-throughput.ts exited ${code}:\n${tail}`);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as RuntimeBenchOutput;
    const pick = (k: keyof RuntimeBenchOutput['samples']) => parsed.samples[k] ?? [];
    return {
      events: parsed.events,
      rounds: parsed.rounds,
      samples: {
        rawKafkajsEachBatch: pick('rawKafkajsEachBatch'),
        stockNestKafka: pick('stockNestKafka'),
        runtime: pick('runtime'),
        rawKafkajsEachBatchBursts: pick('rawKafkajsEachBatch.bursts'),
        stockNestKafkaBursts: pick('stockNestKafka.bursts'),
        runtimeBursts: pick('runtime.bursts'),
      },
      outboxRelayLatencyMs: parsed.outboxRelayLatencyMs,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
