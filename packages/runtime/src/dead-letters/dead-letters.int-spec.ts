/**
 * Dead-letter replay and discard through the real consumer path, audited in
 * the hash-chained log. Real: Kafka, PostgreSQL, the ReliableKafkaServer.
 */
import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { deadLetterTopic, type PlatformEvent } from '@tjc/contracts';
import { createTopics, deleteTopics, expectEventually, uniqueGroup, uniqueTopic, type TestDatabase } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, startConsumer, wire } from '../../test/harness';
import type { PrismaClient } from '../../test/generated/prisma/client';
import { verifyAuditChain } from '../audit/audit-log';
import type { TransactionalDb } from '../db/sql';
import { ConsumerRegistry } from '../health/consumer-registry';
import { DeadLettersService, type DeadLetterFilter } from './dead-letters.service';

jest.setTimeout(120_000);

describe('dead letters: list, replay, discard (real Kafka + PostgreSQL)', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: TestDatabase;
  let prisma: PrismaClient;
  const topic = uniqueTopic('dlq');
  const groupId = uniqueGroup('dlq');

  beforeAll(async () => {
    kafka = await infraKafka();
    producer = kafka.producer();
    await producer.connect();
    ({ db, prisma } = await migratedDatabase('rt_dlq'));
    await createTopics(kafka, [{ topic, numPartitions: 1 }, { topic: deadLetterTopic(groupId).name, numPartitions: 1 }]);
  });
  afterAll(async () => {
    await producer.disconnect();
    await prisma.$disconnect();
    await deleteTopics(kafka, [topic, deadLetterTopic(groupId).name]);
    await db.drop();
  });

  it('replays a fixed message exactly once, refuses a second replay, discards another, and audits both', async () => {
    const refused = new Set(['act-replay', 'act-discard']);
    const sut = await startConsumer({ prisma, kafka, topic, groupId, script: { permanentFailures: refused } });
    const registry = new ConsumerRegistry();
    registry.server = sut.server;
    const deadLetters = new DeadLettersService(prisma as unknown as TransactionalDb, registry);
    try {
      await producer.send({ topic, messages: [wire(activityEvent('act-replay', 1), topic), wire(activityEvent('act-discard', 1), topic), wire(activityEvent('act-fine', 1), topic)] });
      const listed = await expectEventually(async () => {
        const page = await deadLetters.list({ status: 'pending', limit: 10, offset: 0 });
        // The items, not only the total: the page and its count are two reads, and a dead letter can land between them.
        expect(page.items.map((d) => d.key).sort()).toEqual(['act-discard', 'act-replay']);
        expect(page.total).toBe(2);
        return page.items;
      });
      expect(await prisma.testEffect.count({ where: { subject: 'act-fine' } })).toBe(1);
      const toReplay = listed.find((d) => d.key === 'act-replay')!;
      const toDiscard = listed.find((d) => d.key === 'act-discard')!;
      expect(toReplay).toMatchObject({ errorKind: 'permanent', topic, status: 'pending' });

      // A replay while the cause persists fails and stays pending.
      await expect(deadLetters.replay(toReplay.id, 'ops-wang')).rejects.toBeInstanceOf(ConflictException);
      expect((await deadLetters.get(toReplay.id)).status).toBe('pending');

      refused.delete('act-replay'); // the handler is fixed
      const replayed = await deadLetters.replay(toReplay.id, 'ops-wang', 'req-1');
      expect(replayed.outcome).toBe('processed');
      expect(replayed.deadLetter).toMatchObject({ status: 'replayed', resolvedBy: 'ops-wang' });
      expect(await prisma.testEffect.count({ where: { subject: 'act-replay' } })).toBe(1);
      await expect(deadLetters.replay(toReplay.id, 'ops-wang')).rejects.toBeInstanceOf(ConflictException);

      const discarded = await deadLetters.discard(toDiscard.id, 'ops-li', '合作方数据错误，已通知重发');
      expect(discarded).toMatchObject({ status: 'discarded', resolvedBy: 'ops-li' });
      expect(await prisma.testEffect.count({ where: { subject: 'act-discard' } })).toBe(0);
    } finally {
      await sut.close();
    }
    const audit = await prisma.$queryRawUnsafe<{ action: string; actor: string }[]>(`SELECT action, actor FROM rt_audit ORDER BY seq`);
    expect(audit).toEqual([
      { action: 'dead-letter.replay-failed', actor: 'ops-wang' },
      { action: 'dead-letter.replay', actor: 'ops-wang' },
      { action: 'dead-letter.discard', actor: 'ops-li' },
    ]);
    expect(await verifyAuditChain(prisma)).toEqual({ records: 3, intact: true });

    // The database refuses edits of the log; the trigger is the refusal, whoever connects.
    await expect(prisma.$executeRawUnsafe(`UPDATE rt_audit SET actor = 'someone-else' WHERE action = 'dead-letter.replay'`)).rejects.toThrow(/append-only/);
    // Whoever holds the database can switch the trigger off: an edited record then breaks the chain at that record.
    await prisma.$executeRawUnsafe(`ALTER TABLE rt_audit DISABLE TRIGGER rt_audit_no_update_or_delete`);
    await prisma.$executeRawUnsafe(`UPDATE rt_audit SET actor = 'someone-else' WHERE action = 'dead-letter.replay'`);
    await prisma.$executeRawUnsafe(`ALTER TABLE rt_audit ENABLE TRIGGER rt_audit_no_update_or_delete`);
    const report = await verifyAuditChain(prisma);
    expect(report.intact).toBe(false);
    expect(report.brokenAt).toBe('2');
  });
});

describe('dead letters: server-side filters, bulk replay and discard, replay history (real Kafka + PostgreSQL)', () => {
  let kafka: Kafka;
  let producer: Producer;
  let db: TestDatabase;
  let prisma: PrismaClient;
  const topic = uniqueTopic('dlq-bulk');
  const groupId = uniqueGroup('dlq-bulk');

  beforeAll(async () => {
    kafka = await infraKafka();
    producer = kafka.producer();
    await producer.connect();
    ({ db, prisma } = await migratedDatabase('rt_dlq_bulk'));
    await createTopics(kafka, [{ topic, numPartitions: 1 }, { topic: deadLetterTopic(groupId).name, numPartitions: 1 }]);
  });
  afterAll(async () => {
    await producer.disconnect();
    await prisma.$disconnect();
    await deleteTopics(kafka, [topic, deadLetterTopic(groupId).name]);
    await db.drop();
  });

  /** The 400 a refusal answers, as its field errors. */
  const fieldErrors = (error: unknown) => {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { errors: unknown[] }).errors;
  };

  it('filters by type, kind, source and error text; replays and discards in bulk with a summary; audits each row', async () => {
    const refused = new Set(['flt-a', 'flt-b', 'flt-p']);
    const sut = await startConsumer({ prisma, kafka, topic, groupId, script: { permanentFailures: refused } });
    const registry = new ConsumerRegistry();
    registry.server = sut.server;
    const deadLetters = new DeadLettersService(prisma as unknown as TransactionalDb, registry);
    // A partner's event the handler keeps refusing: every replay of it fails again.
    const fromPartner = { ...activityEvent('flt-p', 1), source: 'partner/hebei-center' } as PlatformEvent;
    const ids = { a: '', b: '', p: '', x: '' };
    try {
      await producer.send({
        topic,
        messages: [
          wire(activityEvent('flt-a', 1), topic),
          wire(activityEvent('flt-b', 1), topic),
          wire(fromPartner, topic),
          // Not JSON: the publisher is only in the ce_source header.
          { key: 'flt-x', value: 'not json {', headers: { ce_source: 'partner/xiongan-center' } },
          wire(activityEvent('flt-ok', 1), topic),
        ],
      });
      const all = await expectEventually(async () => {
        const page = await deadLetters.list({ status: 'pending', limit: 10, offset: 0 });
        expect(page.items.map((d) => d.key).sort()).toEqual(['flt-a', 'flt-b', 'flt-p', 'flt-x']);
        return page.items;
      });
      const byKey = (key: string) => all.find((d) => d.key === key)!;
      Object.assign(ids, { a: byKey('flt-a').id, b: byKey('flt-b').id, p: byKey('flt-p').id, x: byKey('flt-x').id });
      expect(byKey('flt-a')).toMatchObject({ source: 'tjc/service-network', errorKind: 'permanent', eventType: 'service.activity.held.v1' });
      expect(byKey('flt-p')).toMatchObject({ source: 'partner/hebei-center', errorKind: 'permanent', eventType: 'service.activity.held.v1', headers: { ce_source: 'partner/hebei-center' } });
      expect(byKey('flt-x')).toMatchObject({ source: 'partner/xiongan-center', errorKind: 'invalid-payload', eventType: null, headers: { ce_source: 'partner/xiongan-center' } });

      const keys = async (filter: DeadLetterFilter) => (await deadLetters.list({ ...filter, limit: 10, offset: 0 })).items.map((d) => d.key).sort();
      expect(await keys({ errorKind: 'permanent' })).toEqual(['flt-a', 'flt-b', 'flt-p']);
      expect(await keys({ errorKind: 'invalid-payload' })).toEqual(['flt-x']);
      expect(await keys({ source: 'partner/hebei-center' })).toEqual(['flt-p']);
      expect(await keys({ source: 'partner/xiongan-center' })).toEqual(['flt-x']);
      expect(await keys({ eventType: 'service.activity.held.v1', source: 'partner/hebei-center' })).toEqual(['flt-p']);
      expect(await keys({ eventType: 'service.activity.held.v1' })).toEqual(['flt-a', 'flt-b', 'flt-p']);
      expect(await keys({ q: 'flt-p IS REFUSED' })).toEqual(['flt-p']); // case-insensitive, anywhere in the text
      expect(await keys({ q: '%' })).toEqual([]); // a wildcard is taken literally
      expect(await keys({ status: 'replayed' })).toEqual([]);
      const second = await deadLetters.list({ errorKind: 'permanent', limit: 1, offset: 1 });
      expect(second.total).toBe(3);
      expect(second.items).toHaveLength(1);

      await deadLetters.discard(ids.b, 'ops-li', '重复事件');
      refused.delete('flt-a'); // the handler is fixed for flt-a, not for the partner's event
      const gone = randomUUID();
      const replayed = await deadLetters.replayMany({ ids: [ids.a, ids.p, ids.b, gone] }, 'ops-wang', 'req-bulk');
      expect(replayed).toEqual({
        requested: 4,
        succeeded: 1,
        failed: 1,
        skipped: 2,
        items: [
          { id: ids.a, result: 'replayed', outcome: 'processed' },
          { id: ids.p, result: 'failed', error: expect.stringContaining('flt-p is refused') },
          { id: ids.b, result: 'skipped', status: 'discarded' },
          { id: gone, result: 'skipped', status: 'not-found' },
        ],
      });
      expect(await prisma.testEffect.count({ where: { subject: 'flt-a' } })).toBe(1);

      // The detail: still pending, the first error kept beside the latest, the failed replay in its history.
      const failed = await deadLetters.get(ids.p);
      expect(failed).toMatchObject({ status: 'pending', attempts: byKey('flt-p').attempts + 1, firstError: byKey('flt-p').error, error: replayed.items[1]!.error });
      expect(failed.history).toEqual([expect.objectContaining({ actor: 'ops-wang', action: 'dead-letter.replay-failed', requestId: 'req-bulk', detail: { error: replayed.items[1]!.error } })]);
      expect((await deadLetters.get(ids.a)).history).toEqual([expect.objectContaining({ actor: 'ops-wang', action: 'dead-letter.replay', detail: expect.objectContaining({ outcome: 'processed' }) })]);

      // Every pending one a filter matches, and only those: the Hebei center's, not the Xiong'an one.
      const discarded = await deadLetters.discardMany({ filter: { source: 'partner/hebei-center' } }, 'ops-li', '合作方数据错误，已通知重发', 'req-discard');
      expect(discarded).toEqual({ requested: 1, succeeded: 1, failed: 0, skipped: 0, items: [{ id: ids.p, result: 'discarded' }] });
      expect(await keys({ status: 'pending' })).toEqual(['flt-x']);
    } finally {
      await sut.close();
    }

    const audit = await prisma.$queryRawUnsafe<{ action: string; actor: string; entity_id: string; reason: string | null }[]>(
      `SELECT action, actor, entity_id, detail->>'reason' AS reason FROM rt_audit ORDER BY seq`,
    );
    expect(audit.slice(0, 3)).toEqual([
      { action: 'dead-letter.discard', actor: 'ops-li', entity_id: ids.b, reason: '重复事件' },
      { action: 'dead-letter.replay', actor: 'ops-wang', entity_id: ids.a, reason: null },
      { action: 'dead-letter.replay-failed', actor: 'ops-wang', entity_id: ids.p, reason: null },
    ]);
    expect(audit.slice(3)).toEqual([{ action: 'dead-letter.discard', actor: 'ops-li', entity_id: ids.p, reason: '合作方数据错误，已通知重发' }]);
    expect(await verifyAuditChain(prisma)).toEqual({ records: 4, intact: true });
  });

  it('bounds a bulk call at 500 dead letters, ids given or matched by the filter, and says so', async () => {
    const deadLetters = new DeadLettersService(prisma as unknown as TransactionalDb, new ConsumerRegistry());
    const many = Array.from({ length: 501 }, () => randomUUID());
    expect(fieldErrors(await deadLetters.discardMany({ ids: many }, 'ops-li', 'x').catch((e: unknown) => e))).toEqual([{ path: 'ids', rule: 'too_big', message: 'at most 500 ids per call' }]);

    const insert = (n: number, from: number) =>
      prisma.$executeRawUnsafe(
        `INSERT INTO rt_dead_letter (consumer_group, topic, partition, "offset", headers, event_type, error_kind, error, attempts)
         SELECT 'bound', 'bound', 0, o, '{}'::jsonb, 'test.bound.v1', 'permanent', 'refused', 1 FROM generate_series($1::int, $2::int) AS o`,
        from,
        from + n - 1,
      );
    await insert(501, 1);
    const before = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_audit`);
    expect(fieldErrors(await deadLetters.discardMany({ filter: { eventType: 'test.bound.v1' } }, 'ops-li', 'x').catch((e: unknown) => e))).toEqual([
      { path: 'filter', rule: 'too_big', message: 'matches more than 500 pending dead letters; at most 500 per call: narrow the filter' },
    ]);
    // Refused before any row was touched.
    expect((await deadLetters.list({ eventType: 'test.bound.v1', status: 'pending', limit: 1, offset: 0 })).total).toBe(501);
    expect(await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_audit`)).toEqual(before);
    // Exactly 500 is allowed.
    await prisma.$executeRawUnsafe(`DELETE FROM rt_dead_letter WHERE consumer_group = 'bound' AND "offset" = 501`);
    expect(await deadLetters.discardMany({ filter: { eventType: 'test.bound.v1' } }, 'ops-li', 'x')).toMatchObject({ requested: 500, succeeded: 500, skipped: 0 });
    // A replay needs a consumer: refused before any row is touched.
    await expect(deadLetters.replayMany({ ids: [randomUUID()] }, 'ops-wang')).rejects.toBeInstanceOf(ConflictException);
  });
});
