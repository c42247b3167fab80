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
    expect(verify.body).toEqual({ records: expect.any(Number), intact: true });
    expect((verify.body as { records: number }).records).toBeGreaterThanOrEqual(3);
  });
});
