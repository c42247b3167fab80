/**
 * Dead-letter replay and discard through the real consumer path, audited in
 * the hash-chained log. Real: Kafka, PostgreSQL, the ReliableKafkaServer.
 */
import { ConflictException } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { deadLetterTopic } from '@tjc/contracts';
import { createTopics, deleteTopics, expectEventually, uniqueGroup, uniqueTopic, type TestDatabase } from '@tjc/testing';
import { activityEvent, infraKafka, migratedDatabase, startConsumer, wire } from '../../test/harness';
import type { PrismaClient } from '../../test/generated/prisma/client';
import { verifyAuditChain } from '../audit/audit-log';
import type { TransactionalDb } from '../db/sql';
import { ConsumerRegistry } from '../health/consumer-registry';
import { DeadLettersService } from './dead-letters.service';

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
