/**
 * The harness itself, driving the runtime's fixture service: a migrated
 * database, the real app in-process, HTTP, events out through the outbox and
 * events in through the consumer. Real: PostgreSQL, Kafka, Nest, Prisma.
 */
import path from 'node:path';
import { buildEvent } from '@tjc/contracts';
import { expectEventually } from '@tjc/testing';
import { startServiceForTest, type ServiceUnderTest } from './index';

jest.setTimeout(120_000);

describe('startServiceForTest', () => {
  let sut: ServiceUnderTest;
  beforeAll(async () => {
    sut = await startServiceForTest({
      schemaDir: path.join(__dirname, '..', '..', 'runtime', 'test', 'prisma', 'schema'),
      module: (env) => {
        // The fixture reads its config from process.env when first imported.
        Object.assign(process.env, env);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        return (require('../../runtime/test/fixture-service/app.module') as typeof import('../../runtime/test/fixture-service/app.module')).FixtureModule;
      },
      consumer: { groupId: 'harness-test', topics: ['service'] },
    });
  });
  afterAll(() => sut.stop());

  it('serves HTTP, publishes through the outbox, and consumes from its namespace', async () => {
    const res = await sut.http('POST', '/records', { id: 'rec-h1', title: '学术交流' });
    expect(res.status).toBe(201);
    const [event] = await sut.events.expect('service.activity.held.v1', (e) => e.subject === 'rec-h1');
    expect(event!.data.title).toBe('学术交流');

    await sut.events.publish(
      buildEvent('service.activity.held.v1', { activityId: 'from-outside', type: 'academic-exchange', title: '外部事件', heldOn: '2024-01-02', place: '北京', organisers: ['本部'], participants: 3, pairsMatched: 0 }, { source: 'partner/beijing-hq' }),
    );
    const dlq = await sut.http('GET', '/ops/dead-letters', undefined, await sut.token({ roles: ['ops'] }));
    expect(dlq.status).toBe(200);
    await expectEventually(async () => {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: sut.db.url });
      await c.connect();
      const { rows } = await c.query<{ subject: string }>('SELECT subject FROM test_effect ORDER BY id');
      await c.end();
      expect(rows.map((r) => r.subject)).toEqual(expect.arrayContaining(['rec-h1', 'from-outside']));
    });
  });

  it('audits denied requests, and lets only center admins read and verify the audit log', async () => {
    const reader = await sut.token({ roles: ['reader'] });
    const admin = await sut.token({ roles: ['center-admin'] });
    expect((await sut.http('GET', '/ops/dead-letters')).status).toBe(401);
    expect((await sut.http('GET', '/ops/dead-letters', undefined, reader)).status).toBe(403);
    // The audit log itself is an admin-only read: ops and readers are refused (and that is audited too).
    expect((await sut.http('GET', '/admin/audit', undefined, await sut.token({ roles: ['ops'] }))).status).toBe(403);

    const res = await sut.http('GET', '/admin/audit?action=access.denied&limit=10', undefined, admin);
    expect(res.status).toBe(200);
    const page = res.body as { total: number; items: { actor: string; entityType: string; entityId: string; detail: { status: number } }[] };
    expect(page.total).toBe(3);
    // Newest first.
    expect(page.items.map((i) => [i.entityId, i.detail.status])).toEqual([
      ['GET /admin/audit', 403],
      ['GET /ops/dead-letters', 403],
      ['GET /ops/dead-letters', 401],
    ]);
    expect(page.items[2]!.actor).toBe('anonymous');
    expect(page.items[1]!.actor).not.toBe('anonymous');

    const verify = await sut.http('GET', '/admin/audit/verify', undefined, admin);
    expect(verify.body).toMatchObject({ records: expect.any(Number), intact: true });
    expect((verify.body as { records: number }).records).toBeGreaterThanOrEqual(3);
  });

  it('keeps the denial of a token whose issuer is long and ends in emoji, without echoing its claims', async () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const iss = `https://${'x'.repeat(495)}🚀🚀🚀🚀🚀🚀`;
    const forged = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss, sub: 'intruder', exp: Math.floor(Date.now() / 1000) + 600 })}.c2lnbmF0dXJl`;
    const refused = await sut.http('GET', '/admin/audit/verify', undefined, forged);
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain('xxxxxxxxxx');
    const admin = await sut.token({ roles: ['center-admin'] });
    const res = await sut.http('GET', '/admin/audit?action=access.denied&entityId=GET%20%2Fadmin%2Faudit%2Fverify', undefined, admin);
    const items = (res.body as { items: { actor: string; detail: { status: number; reason: string } }[] }).items;
    expect(items.map((i) => [i.actor, i.detail.status])).toEqual([['anonymous', 401]]);
    expect(items[0]!.detail.reason).not.toContain('xxxxxxxxxx');
    expect((await sut.http('GET', '/admin/audit/verify', undefined, admin)).body).toMatchObject({ intact: true });
  });

  it('counts an anonymous flood on one route into one summary record instead of one record each', async () => {
    for (let i = 0; i < 40; i++) expect((await sut.http('GET', '/ops/dead-letters?flood=1')).status).toBe(401);
    const admin = await sut.token({ roles: ['center-admin'] });
    const summary = await expectEventually(
      async () => {
        const res = await sut.http('GET', '/admin/audit?action=access.denied.summary&entityId=GET%20%2Fops%2Fdead-letters', undefined, admin);
        const items = (res.body as { items: { detail: { count: number; byStatus: Record<string, number> } }[] }).items;
        expect(items.length).toBeGreaterThan(0);
        return items;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    // The first anonymous denial of the route opened the window (written in full, in an earlier test); these were counted.
    expect(summary.reduce((n, s) => n + s.detail.count, 0)).toBe(40);
    const full = await sut.http('GET', '/admin/audit?action=access.denied&entityId=GET%20%2Fops%2Fdead-letters&actor=anonymous', undefined, admin);
    expect((full.body as { total: number }).total).toBe(1);
  });

  /**
   * Last: it damages the audit log as only whoever holds the database can
   * (a superuser switching the append-only trigger off), and verification
   * must say so against the signed checkpoint kept in Kafka.
   */
  it('reports deleted newest records and a rewritten, re-hashed chain against the latest checkpoint', async () => {
    const admin = await sut.token({ roles: ['center-admin'] });
    // Past ten records, so the head is found by number, not as text ('9' sorts after '13'): 403s are recorded one by one.
    const reader = await sut.token({ roles: ['reader'], sub: 'audit.reader' });
    for (let i = 0; i < 12; i++) expect((await sut.http('GET', '/admin/audit/verify', undefined, reader)).status).toBe(403);
    const verify = async () => (await sut.http('GET', '/admin/audit/verify', undefined, admin)).body as { intact: boolean; records: number; checkpoint: { anchored: boolean; truncated?: boolean; rewritten?: boolean; seq?: string } };
    // Let a checkpoint cover the records so far (published every 200 ms here).
    const anchored = await expectEventually(async () => {
      const v = await verify();
      expect(v).toMatchObject({ intact: true, checkpoint: { anchored: true, truncated: false, rewritten: false } });
      const { Client } = await import('pg');
      const c = new Client({ connectionString: sut.db.url });
      await c.connect();
      const { rows } = await c.query<{ seq: string }>('SELECT max(seq)::text AS seq FROM rt_audit');
      await c.end();
      expect(v.checkpoint.seq).toBe(rows[0]!.seq);
      return v;
    });
    expect(anchored.records).toBeGreaterThanOrEqual(12);

    const { Client } = await import('pg');
    const db = new Client({ connectionString: sut.db.url });
    await db.connect();
    try {
      await db.query('ALTER TABLE rt_audit DISABLE TRIGGER rt_audit_no_update_or_delete');
      // 1. A record edited and every later one re-hashed: the chain verifies on its own, the checkpoint does not
      // (and the checkpointer refuses to sign the rewritten head, so the anchor stays).
      const { auditRecordHash } = await import('@tjc/runtime');
      const { rows } = await db.query<{ seq: string; at: Date; actor: string; action: string; entity_type: string; entity_id: string; request_id: string | null; event_id: string | null; detail: Record<string, unknown> }>(
        'SELECT seq::text AS seq, at, actor, action, entity_type, entity_id, request_id, event_id, detail FROM rt_audit ORDER BY rt_audit.seq',
      );
      rows[0]!.actor = 'someone-else';
      let prev = '0'.repeat(64);
      for (const r of rows) {
        const hash = auditRecordHash(prev, r.at.toISOString(), { actor: r.actor, action: r.action, entityType: r.entity_type, entityId: r.entity_id, ...(r.request_id !== null && { requestId: r.request_id }), ...(r.event_id !== null && { eventId: r.event_id }), detail: r.detail });
        await db.query('UPDATE rt_audit SET actor = $2, prev_hash = $3, hash = $4 WHERE seq = $1::bigint', [r.seq, r.actor, prev, hash]);
        prev = hash;
      }
      // The checkpointer, asked to publish now, refuses to re-anchor the rewritten chain.
      const { AuditCheckpointLifecycle } = await import('@tjc/runtime');
      await expect(sut.service.app.get(AuditCheckpointLifecycle).checkpointer!.publish()).resolves.toBeUndefined();
      const rewritten = await verify();
      expect(rewritten).toMatchObject({ intact: false, checkpoint: { anchored: true, rewritten: true, truncated: false, seq: anchored.checkpoint.seq } });

      // 2. The newest records deleted: the rest still chains, the checkpoint's record is gone.
      await db.query('DELETE FROM rt_audit WHERE seq >= (SELECT max(seq) - 1 FROM rt_audit)');
      expect(await verify()).toMatchObject({ intact: false, checkpoint: { anchored: true, truncated: true } });
    } finally {
      await db.query('ALTER TABLE rt_audit ENABLE TRIGGER rt_audit_no_update_or_delete');
      await db.end();
    }
  });
});

