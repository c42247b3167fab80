/**
 * One trace from the HTTP request through the outbox, Kafka and the consumer
 * to its database queries. Real: a separate service process with the
 * OpenTelemetry SDK and its OTLP/HTTP exporter, Kafka, PostgreSQL. The span
 * "exporter" of the test is an OTLP receiver on loopback that records what
 * the service exports.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectEventually, testInfra, uniqueName, type TestDatabase } from '@tjc/testing';
import { migratedDatabase } from '../../test/harness';
import { spawnFixture, type FixtureProcess } from '../../test/fixture-process';
import type { PrismaClient } from '../../test/generated/prisma/client';

jest.setTimeout(180_000);

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: { key: string; value: Record<string, unknown> }[];
}
const KIND = { SERVER: 2, PRODUCER: 4, CONSUMER: 5, CLIENT: 3 };

describe('tracing across HTTP → outbox → Kafka → consumer → database', () => {
  let receiver: Server;
  const spans: OtlpSpan[] = [];
  let db: TestDatabase;
  let prisma: PrismaClient;
  let sut: FixtureProcess;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const rs of payload.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    ({ db, prisma } = await migratedDatabase('rt_trace'));
    const namespace = uniqueName('trace').replace(/_/g, '-');
    sut = await spawnFixture({
      DATABASE_URL: db.url,
      KAFKA_BROKERS: (await testInfra()).kafkaBrokers.join(','),
      KAFKA_TOPIC_NAMESPACE: namespace,
      CONSUMER_GROUP: `${namespace}-group`,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/v1/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    });
  });
  afterAll(async () => {
    await sut.kill('SIGTERM');
    await prisma.$disconnect();
    await db.drop();
    receiver.close();
  });

  it('links every hop into one trace', async () => {
    const res = await fetch(`${sut.url}/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'rec-trace-1', title: '融资路演' }) });
    expect(res.status).toBe(201);
    await expectEventually(async () => expect(await prisma.testEffect.count()).toBe(1), { timeoutMs: 30_000 });

    const chain = await expectEventually(
      () => {
        const server = spans.find((s) => s.kind === KIND.SERVER && s.name.includes('POST'));
        expect(server).toBeDefined();
        const trace = spans.filter((s) => s.traceId === server!.traceId);
        const producer = trace.find((s) => s.kind === KIND.PRODUCER && s.name === 'outbox publish');
        const consumer = trace.find((s) => s.kind === KIND.CONSUMER && s.name.endsWith('process'));
        expect(producer).toBeDefined();
        expect(consumer).toBeDefined();
        const sqlIn = (parentId: string) => trace.filter((s) => s.kind === KIND.CLIENT && s.parentSpanId !== undefined && isUnder(trace, s, parentId));
        const outboxInsert = sqlIn(server!.spanId).find((s) => JSON.stringify(s.attributes ?? []).includes('rt_outbox'));
        const effectInsert = sqlIn(consumer!.spanId).find((s) => JSON.stringify(s.attributes ?? []).includes('test_effect'));
        expect(outboxInsert).toBeDefined();
        expect(effectInsert).toBeDefined();
        return { server: server!, producer: producer!, consumer: consumer!, traceSize: trace.length };
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    expect(new Set([chain.server.traceId, chain.producer.traceId, chain.consumer.traceId]).size).toBe(1);
    // The consumer continues the request's context carried in the Kafka headers.
    expect(isUnder(spans, chain.consumer, chain.server.spanId)).toBe(true);
  });
});

function isUnder(all: OtlpSpan[], span: OtlpSpan, ancestorId: string): boolean {
  let current: OtlpSpan | undefined = span;
  for (let hops = 0; current && hops < 50; hops++) {
    if (current.parentSpanId === ancestorId) return true;
    const parentId: string | undefined = current.parentSpanId;
    current = all.find((s) => s.spanId === parentId);
  }
  return false;
}
