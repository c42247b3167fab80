#!/usr/bin/env node
// Smoke test: does kafkajs 2.2.4 (the platform's client) work against the
// broker that infra/kafka/kafka.sh runs? kafkajs is unmaintained since 2023 and
// speaks old protocol versions; Kafka 4.0 removed many (KIP-896). This script
// uses every kafkajs feature the platform relies on, so a version bump of the
// broker is proven here first. Exits non-zero on any failure.
//
//   infra/kafka/kafka.sh start && node infra/kafka/smoke.mjs
//
// Env: KAFKA_BROKERS (default 127.0.0.1:$KAFKA_PORT, KAFKA_PORT default 9092),
// SMOKE_TIMEOUT_MS (default 120000).
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? `127.0.0.1:${process.env.KAFKA_PORT ?? '9092'}`).split(',');
const overallTimeoutMs = Number(process.env.SMOKE_TIMEOUT_MS ?? 120_000);

// Unique names per run, so a failed run leaves nothing that breaks the next.
const runId = `${Date.now().toString(36)}-${randomUUID().slice(0, 8)}`;
const inTopic = `smoke.events.${runId}`;
const outTopic = `smoke.out.${runId}`;
const groupId = `smoke-group-${runId}`;
const txGroupId = `smoke-tx-group-${runId}`;
const PARTITIONS = 3;
const RETENTION_MS = '3600000';

// kafkajs logs a rebalance as an ERROR ("The group is rebalancing, re-joining");
// that is expected here, so print kafkajs' own lines compactly and let the
// assertions below decide what failed.
const logCreator = () => ({ namespace, level, log }) => {
  if (/rebalancing|re-joining/i.test(log.message)) return;
  const lvl = level === logLevel.ERROR ? 'ERROR' : 'WARN';
  console.error(`  [kafkajs ${lvl} ${namespace}] ${log.message}${log.error ? ` (${log.error})` : ''}`);
};
const kafka = new Kafka({ clientId: 'tjc-kafka-smoke', brokers, logLevel: logLevel.WARN, logCreator, retry: { retries: 3 } });

// A consumer notices a rebalance, and disconnect() returns, only when its
// long-poll fetch ends: 500 ms instead of the default 5 s keeps the run short.
const fastConsumer = { maxWaitTimeInMs: 500 };
// The default-partitioner notice is about kafkajs 1.x migrations, not this broker.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

/** Polls `probe` until it returns a truthy value; fails after `timeoutMs`. */
async function until(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

let stepCount = 0;
async function step(name, fn) {
  stepCount += 1;
  const started = Date.now();
  try {
    const result = await fn();
    console.log(`ok ${stepCount} - ${name} (${Date.now() - started} ms)`);
    return result;
  } catch (error) {
    console.log(`not ok ${stepCount} - ${name}`);
    throw error;
  }
}

const admin = kafka.admin();
const cleanup = [];
let topicsDeleted = false;

async function main() {
  await step(`admin connects to ${brokers.join(',')} and describes the cluster`, async () => {
    await admin.connect();
    const cluster = await admin.describeCluster();
    assert(cluster.brokers.length === 1, `one broker, got ${JSON.stringify(cluster.brokers)}`);
    assert(cluster.controller !== null && cluster.controller !== undefined, 'a controller id');
  });

  await step('createTopics with partitions and retention config', async () => {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic: inTopic,
          numPartitions: PARTITIONS,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: RETENTION_MS },
            { name: 'cleanup.policy', value: 'delete' },
          ],
        },
        { topic: outTopic, numPartitions: PARTITIONS, replicationFactor: 1 },
      ],
    });
    assert(created === true, 'createTopics returned true (topics are new)');
    cleanup.push(() => (topicsDeleted ? undefined : admin.deleteTopics({ topics: [inTopic, outTopic] }).catch(() => {})));
  });

  await step('fetchTopicMetadata and describeConfigs show what was created', async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [inTopic, outTopic] });
    for (const t of topics) {
      assert(t.partitions.length === PARTITIONS, `${t.name} has ${PARTITIONS} partitions, got ${t.partitions.length}`);
      assert(t.partitions.every((p) => p.leader === 1), `${t.name} partitions led by node 1`);
    }
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2 /* ConfigResourceTypes.TOPIC */, name: inTopic, configNames: ['retention.ms'] }],
    });
    const retention = configs.resources[0]?.configEntries.find((e) => e.configName === 'retention.ms');
    assert(retention?.configValue === RETENTION_MS, `retention.ms=${RETENTION_MS}, got ${retention?.configValue}`);
  });

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 5 });
  cleanup.push(() => producer.disconnect().catch(() => {}));
  const sendBatch = (from, count) =>
    producer.send({
      topic: inTopic,
      acks: -1,
      messages: Array.from({ length: count }, (_, i) => ({
        key: `k${from + i}`,
        value: JSON.stringify({ n: from + i, runId }),
        headers: { 'event-type': 'smoke.tested', 'trace-id': `trace-${from + i}` },
      })),
    });

  await step('idempotent producer (acks -1) sends 30 keyed messages with headers', async () => {
    await producer.connect();
    const records = await sendBatch(0, 30);
    assert(records.length > 0 && records.every((r) => r.errorCode === 0), `no produce errors: ${JSON.stringify(records)}`);
  });

  // ---- consumer group with manual commits and a forced rebalance ----
  const seen = new Map(); // key -> { consumer, headers }
  const joins = { c1: [], c2: [] };
  const makeConsumer = (name) => {
    const consumer = kafka.consumer({ groupId, ...fastConsumer, sessionTimeout: 10_000, heartbeatInterval: 1_000, rebalanceTimeout: 10_000 });
    consumer.on(consumer.events.GROUP_JOIN, (e) => joins[name].push(e.payload));
    cleanup.push(() => consumer.disconnect().catch(() => {}));
    return consumer;
  };
  const eachBatchOf = (name) => async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale }) => {
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      const key = message.key?.toString();
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, v?.toString()]));
      seen.set(key, { consumer: name, partition: batch.partition, headers });
      resolveOffset(message.offset);
      await heartbeat();
    }
    // With autoCommit: false and no autoCommitInterval/Threshold, a bare
    // commitOffsetsIfNecessary() is a no-op in kafkajs 2.2.4; passing the
    // resolved offsets commits them.
    await commitOffsetsIfNecessary(uncommittedOffsets());
  };
  const runOpts = (name) => ({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: eachBatchOf(name) });

  const c1 = makeConsumer('c1');
  const c2 = makeConsumer('c2');

  await step('consumer c1 (eachBatch, autoCommit false) joins and reads the first 30', async () => {
    await c1.connect();
    await c1.subscribe({ topics: [inTopic], fromBeginning: true });
    await c1.run(runOpts('c1'));
    await until('c1 to read 30 messages', () => seen.size >= 30);
    const assigned = joins.c1.at(-1)?.memberAssignment[inTopic] ?? [];
    assert(assigned.length === PARTITIONS, `c1 alone owns all ${PARTITIONS} partitions, got ${assigned}`);
  });

  await step('consumer c2 joins the same group and forces a rebalance', async () => {
    await c2.connect();
    await c2.subscribe({ topics: [inTopic], fromBeginning: true });
    await c2.run(runOpts('c2'));
    await until('both consumers to be assigned after the rebalance', () => {
      const a1 = joins.c1.at(-1)?.memberAssignment[inTopic] ?? [];
      const a2 = joins.c2.at(-1)?.memberAssignment[inTopic] ?? [];
      return joins.c1.length >= 2 && a2.length > 0 && a1.length + a2.length === PARTITIONS;
    });
    const a1 = joins.c1.at(-1).memberAssignment[inTopic];
    const a2 = joins.c2.at(-1).memberAssignment[inTopic];
    assert(new Set([...a1, ...a2]).size === PARTITIONS, `disjoint, complete assignment: c1=${a1} c2=${a2}`);
  });

  await step('describeGroups shows a Stable group of 2 members', async () => {
    const group = await until('group to be Stable with 2 members', async () => {
      const { groups } = await admin.describeGroups([groupId]);
      const g = groups[0];
      return g?.state === 'Stable' && g.members.length === 2 ? g : null;
    });
    assert(group.protocolType === 'consumer', `protocolType consumer, got ${group.protocolType}`);
  });

  await step('30 more messages are split between c1 and c2, headers intact', async () => {
    await sendBatch(30, 30);
    await until('all 60 keys to be consumed', () => seen.size >= 60);
    const byConsumer = { c1: 0, c2: 0 };
    for (let n = 30; n < 60; n += 1) byConsumer[seen.get(`k${n}`).consumer] += 1;
    assert(byConsumer.c1 > 0 && byConsumer.c2 > 0, `both consumers got messages: ${JSON.stringify(byConsumer)}`);
    for (let n = 0; n < 60; n += 1) {
      const { headers } = seen.get(`k${n}`);
      assert(headers['event-type'] === 'smoke.tested' && headers['trace-id'] === `trace-${n}`, `headers of k${n}: ${JSON.stringify(headers)}`);
    }
  });

  await step('fetchOffsets: manual commits reached the end of every partition', async () => {
    const ends = await admin.fetchTopicOffsets(inTopic);
    const endOf = Object.fromEntries(ends.map((p) => [p.partition, p.high]));
    await until('committed offsets to equal the high watermarks', async () => {
      const [topic] = await admin.fetchOffsets({ groupId, topics: [inTopic] });
      return topic.partitions.every((p) => p.offset === endOf[p.partition]);
    });
    await c1.disconnect();
    await c2.disconnect();
    const { groups } = await admin.describeGroups([groupId]);
    assert(groups[0]?.state === 'Empty', `group Empty after both left, got ${groups[0]?.state}`);
  });

  // ---- transactions: consume-transform-produce with sendOffsets ----
  const txProducer = kafka.producer({ transactionalId: `smoke-tx-${runId}`, idempotent: true, maxInFlightRequests: 1 });
  cleanup.push(() => txProducer.disconnect().catch(() => {}));

  await step('transactional producer commits messages + sendOffsets, and aborts another', async () => {
    await txProducer.connect();
    const committed = await txProducer.transaction();
    await committed.send({
      topic: outTopic,
      acks: -1,
      messages: Array.from({ length: 5 }, (_, i) => ({ key: `t${i}`, value: 'committed', headers: { 'event-type': 'smoke.transformed' } })),
    });
    await committed.sendOffsets({
      consumerGroupId: txGroupId,
      topics: [{ topic: inTopic, partitions: [{ partition: 0, offset: '10' }] }],
    });
    await committed.commit();

    const aborted = await txProducer.transaction();
    await aborted.send({ topic: outTopic, acks: -1, messages: [{ key: 'a0', value: 'aborted' }, { key: 'a1', value: 'aborted' }] });
    await aborted.abort();
  });

  await step('a read-committed consumer sees the committed messages only', async () => {
    const values = [];
    const sentinels = new Set();
    const reader = kafka.consumer({ groupId: `smoke-reader-${runId}`, ...fastConsumer }); // kafkajs reads committed by default
    cleanup.push(() => reader.disconnect().catch(() => {}));
    await reader.connect();
    await reader.subscribe({ topics: [outTopic], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ partition, message }) => {
        const value = message.value?.toString();
        if (value === 'sentinel') sentinels.add(partition);
        else values.push(value);
      },
    });
    // A sentinel written after the abort, on every partition: once each is
    // read, anything the aborted transaction wrote would have been read too.
    await producer.send({
      topic: outTopic,
      acks: -1,
      messages: Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, value: 'sentinel' })),
    });
    await until('the reader to reach the sentinels', () => sentinels.size === PARTITIONS);
    await reader.disconnect();
    assert(values.length === 5 && values.every((v) => v === 'committed'), `5 committed, 0 aborted; got ${JSON.stringify(values)}`);
  });

  await step('fetchOffsets shows the offsets committed inside the transaction', async () => {
    const [topic] = await admin.fetchOffsets({ groupId: txGroupId, topics: [inTopic] });
    const p0 = topic.partitions.find((p) => p.partition === 0);
    assert(p0?.offset === '10', `tx group offset on partition 0 = 10, got ${JSON.stringify(topic.partitions)}`);
  });

  await step('deleteTopics removes both topics', async () => {
    await producer.disconnect();
    await txProducer.disconnect();
    await admin.deleteTopics({ topics: [inTopic, outTopic], timeout: 10_000 });
    await until('topics to disappear from listTopics', async () => {
      const names = await admin.listTopics();
      return !names.includes(inTopic) && !names.includes(outTopic);
    });
    topicsDeleted = true;
  });
}

const watchdog = setTimeout(() => {
  console.error(`smoke: FAILED, still running after ${overallTimeoutMs} ms`);
  process.exit(1);
}, overallTimeoutMs);

let failed = false;
try {
  await main();
  console.log(`smoke: OK, ${stepCount} steps passed against ${brokers.join(',')}`);
} catch (error) {
  failed = true;
  console.error(`smoke: FAILED: ${error?.name ?? 'Error'}: ${error?.message ?? error}`);
  if (error?.type) console.error(`  kafka error type: ${error.type}`);
  if (error?.stack) console.error(error.stack.split('\n').slice(1, 6).join('\n'));
} finally {
  for (const undo of cleanup.reverse()) await undo();
  await admin.disconnect().catch(() => {});
  clearTimeout(watchdog);
}
process.exit(failed ? 1 : 0);
