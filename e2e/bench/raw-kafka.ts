/**
 * The ceiling: plain kafkajs on the platform's topic layout, nothing else.
 *
 * Topics get the partition count of `tjc.service.events.v1` (contracts'
 * TOPICS), messages are the same envelopes, keyed by subject, with the same
 * headers (toWireMessage), and the producer is configured as the outbox
 * relay's (idempotent, acks=all). The consumer only counts messages: no
 * JSON parsing, no database, which is what makes this the transport's
 * upper bound rather than a comparable service.
 *
 *  - produce: N messages in sends of 500, one after another;
 *  - consume: a new group reads the N messages; timed from its group join
 *    (the join itself, which a service pays once at boot, is not counted);
 *  - pipeline: producer and an already-joined consumer at once, first send →
 *    last message received: the raw counterpart of the platform's ingress →
 *    read model figure; once with one producer sending one request at a
 *    time, once with PARALLEL producers at once — the ceiling is the better
 *    of the two (Kafka at its best, never lowered to flatter a ratio);
 *  - latency: open loop at half the pipeline rate, a send every 50 ms (as the
 *    platform's latency run: sends of a few hundred messages, like the
 *    throughput runs', not a round trip per handful of messages).
 */
import { Kafka, logLevel, type Consumer, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import { TOPICS, toWireMessage } from '@tjc/contracts';
import { activityHeld, RUN_TAG } from './events';
import { median, percentile, sleep } from './stats';

export interface RawKafkaResult {
  readonly produce: number[];
  readonly consume: number[];
  readonly pipeline: number[];
  readonly pipelineParallel: number[];
  readonly latency: { readonly rate: number; readonly p50: number; readonly p99: number; readonly samples: number };
  readonly messageBytes: number;
  readonly partitions: number;
}

const PARTITIONS = TOPICS.service.partitions;
const SEND_CHUNK = 500;
/** Producers at once in the parallel pipeline run (as the platform's several gateway senders and relays). */
const PARALLEL = 4;

function messages(n: number, label: string): Message[] {
  return Array.from({ length: n }, (_, i) => {
    const w = toWireMessage(activityHeld('partner/hebei-center', 2024, label, i));
    return { key: w.key, value: w.value, headers: w.headers };
  });
}

async function producer(kafka: Kafka): Promise<Producer> {
  // As the outbox relay produces (docs/adr/0004): idempotent, acks=all.
  const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await p.connect();
  return p;
}

async function produceAll(p: Producer, topic: string, batch: readonly Message[]): Promise<void> {
  for (let i = 0; i < batch.length; i += SEND_CHUNK) await p.send({ topic, acks: -1, messages: batch.slice(i, i + SEND_CHUNK) });
}

/** A consumer that has joined its group (partitions assigned), counting what it receives. */
async function joinedConsumer(kafka: Kafka, topic: string, onMessages: (n: number, messages: readonly KafkaMessage[]) => void): Promise<{ consumer: Consumer; joinedAt: number }> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${topic}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise<number>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve(performance.now())));
  await consumer.run({
    partitionsConsumedConcurrently: PARTITIONS,
    eachBatch: async ({ batch }) => {
      onMessages(batch.messages.length, batch.messages);
    },
  });
  return { consumer, joinedAt: await joined };
}

export async function measureRawKafka(brokers: string, options: { rounds: number; messages: number; latencySeconds: number }, log: (line: string) => void): Promise<RawKafkaResult> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics: string[] = [];
  const topic = async (name: string) => {
    const t = `bench.raw.${RUN_TAG}.${name}`;
    await admin.createTopics({ topics: [{ topic: t, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    topics.push(t);
    return t;
  };
  const p = await producer(kafka);
  const batch = messages(options.messages, 'raw');
  const result: { produce: number[]; consume: number[]; pipeline: number[]; pipelineParallel: number[] } = { produce: [], consume: [], pipeline: [], pipelineParallel: [] };
  const parallel = await Promise.all(Array.from({ length: PARALLEL }, () => producer(kafka)));
  try {
    // One warm-up send so connection set-up and metadata are not in round 1.
    const warm = await topic('warmup');
    await produceAll(p, warm, batch.slice(0, SEND_CHUNK));

    for (let round = 1; round <= options.rounds; round++) {
      const t = await topic(`r${round}`);
      let started = performance.now();
      await produceAll(p, t, batch);
      const produce = options.messages / ((performance.now() - started) / 1000);

      // Timed from the group join (partitions assigned, fetching starts) to the
      // last message: not the join itself, which a service pays once at boot.
      let received = 0;
      let last = 0;
      let resolveAll!: () => void;
      const all = new Promise<void>((resolve) => (resolveAll = resolve));
      const reader = await joinedConsumer(kafka, t, (n) => {
        received += n;
        if (received >= options.messages) {
          last = performance.now();
          resolveAll();
        }
      });
      const first = reader.joinedAt;
      await all;
      await reader.consumer.disconnect();
      const consume = options.messages / ((last - first) / 1000);

      const tp = await topic(`p${round}`);
      let got = 0;
      let resolvePipe!: () => void;
      const piped = new Promise<void>((resolve) => (resolvePipe = resolve));
      const { consumer } = await joinedConsumer(kafka, tp, (n) => {
        got += n;
        if (got >= options.messages) {
          last = performance.now();
          resolvePipe();
        }
      });
      await sleep(500); // the first fetch is in flight: the pipeline starts warm, as a running service's is
      started = performance.now();
      await produceAll(p, tp, batch);
      await piped;
      await consumer.disconnect();
      const pipeline = options.messages / ((last - started) / 1000);

      const tq = await topic(`q${round}`);
      let gotQ = 0;
      let resolveQ!: () => void;
      const pipedQ = new Promise<void>((resolve) => (resolveQ = resolve));
      const { consumer: consumerQ } = await joinedConsumer(kafka, tq, (n) => {
        gotQ += n;
        if (gotQ >= options.messages) {
          last = performance.now();
          resolveQ();
        }
      });
      await sleep(500);
      started = performance.now();
      let nextChunk = 0;
      await Promise.all(
        parallel.map(async (pp) => {
          for (let i = nextChunk++ * SEND_CHUNK; i < batch.length; i = nextChunk++ * SEND_CHUNK) await pp.send({ topic: tq, acks: -1, messages: batch.slice(i, i + SEND_CHUNK) });
        }),
      );
      await pipedQ;
      await consumerQ.disconnect();
      const pipelineParallel = options.messages / ((last - started) / 1000);

      result.produce.push(produce);
      result.consume.push(consume);
      result.pipeline.push(pipeline);
      result.pipelineParallel.push(pipelineParallel);
      log(`raw kafkajs round ${round}/${options.rounds}: produce ${produce.toFixed(0)}/s, consume ${consume.toFixed(0)}/s, produce+consume ${pipeline.toFixed(0)}/s, with ${PARALLEL} producers ${pipelineParallel.toFixed(0)}/s`);
    }

    const rate = Math.max(median(result.pipeline), median(result.pipelineParallel)) / 2;
    const latency = await openLoopLatency(kafka, p, await topic('latency'), rate, options.latencySeconds);
    log(`raw kafkajs latency at ${rate.toFixed(0)} msg/s (half the produce+consume rate): p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms (${latency.samples} messages)`);
    return { ...result, latency: { rate, ...latency }, messageBytes: Buffer.byteLength(String(batch[0]?.value ?? '')), partitions: PARTITIONS };
  } finally {
    await p.disconnect();
    for (const pp of parallel) await pp.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * Open loop: sends are scheduled every 50 ms whatever happened to the previous
 * ones, and latency counts from the scheduled instant, so a stalled producer
 * shows up as latency instead of silently lowering the offered rate
 * (coordinated omission). The first second is warm-up and not counted.
 */
async function openLoopLatency(kafka: Kafka, p: Producer, t: string, rate: number, seconds: number): Promise<{ p50: number; p99: number; samples: number }> {
  const scheduledAt = new Map<string, number>();
  const latencies: number[] = [];
  const { consumer } = await joinedConsumer(kafka, t, (_n, received) => {
    const now = performance.now();
    for (const m of received) {
      const id = m.headers?.['ce_id']?.toString();
      const at = id === undefined ? undefined : scheduledAt.get(id);
      if (at !== undefined && at >= 0) latencies.push(now - at);
      if (id !== undefined) scheduledAt.delete(id);
    }
  });
  await sleep(500);
  const tickMs = 50;
  const ticks = Math.round((seconds * 1000) / tickMs);
  const all = messages(Math.ceil((rate * seconds) + ticks), 'lat');
  const start = performance.now();
  const sends: Promise<unknown>[] = [];
  let sent = 0;
  for (let tick = 0; tick < ticks; tick++) {
    const at = start + tick * tickMs;
    const wait = at - performance.now();
    if (wait > 0) await sleep(wait);
    const due = Math.round(rate * ((tick + 1) * tickMs) / 1000) - sent;
    if (due <= 0) continue;
    const chunk = all.slice(sent, sent + due);
    sent += chunk.length;
    for (const m of chunk) scheduledAt.set(String(m.headers?.['ce_id']), at - start < 1000 ? -1 : at);
    sends.push(p.send({ topic: t, acks: -1, messages: chunk }));
  }
  await Promise.all(sends);
  const deadline = performance.now() + 30_000;
  while (scheduledAt.size > 0 && performance.now() < deadline) await sleep(20);
  await consumer.disconnect();
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), samples: latencies.length };
}
