/**
 * The HTTP partner ingress end to end. Real: PostgreSQL (migrated clone),
 * Kafka (namespaced topics; the outbox relay publishes accepted events),
 * Redis (rate limits, a key prefix unique to this file), the Nest app on
 * Fastify, signed JWTs for people. Faked: nothing; the partners are
 * PartnerClient, signing exactly as docs/partners.md describes.
 */
import path from 'node:path';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { uniqueName } from '@tjc/testing';
import { AppModule } from '../../app.module';
import { loadServiceConfig } from '../../config';
import { signatureOf } from '../../partners/webhook-signature';
import { PrismaService } from '../../prisma.service';
import { newSecret, PartnerClient, unique } from '../../../test/partner-client';

jest.setTimeout(90_000);

const secrets = { beijingNew: newSecret(), beijingOld: newSecret(), hebei: newSecret(), xiongan: newSecret() };
const MAX_BODY = 64 * 1024;

describe('POST /partner/v1/events (real PostgreSQL, Kafka, Redis)', () => {
  let sut: ServiceUnderTest;
  let beijing: PartnerClient;
  let hebei: PartnerClient;
  let xiongan: PartnerClient;
  const quarantineOf = async (webhookId: string) => (await sut.http('GET', `/quarantine?webhookId=${webhookId}&sort=receivedAt&limit=200`, undefined, await sut.token({ roles: ['ops'] }))).body;
  const outboxCopies = async (eventId: string) => (await sut.service.app.get(PrismaService).$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM rt_outbox WHERE event_id = $1', eventId))[0]!.n;

  beforeAll(async () => {
    sut = await startServiceForTest({
      schemaDir: path.join(__dirname, '../../../prisma/schema'),
      module: (env) => AppModule.register(loadServiceConfig(env)),
      env: {
        PARTNER_SECRETS: JSON.stringify({ 'beijing-hq': [secrets.beijingNew, secrets.beijingOld], 'hebei-center': [secrets.hebei], 'xiongan-center': secrets.xiongan }),
        PARTNER_MAX_BODY_BYTES: String(MAX_BODY),
        PARTNER_RATE_KEY_PREFIX: `tjc:test:${uniqueName('pgw')}`,
        PARTNER_RATE_OVERRIDES: JSON.stringify({ 'xiongan-center': { requestsPerMinute: 3 } }),
      },
    });
    beijing = new PartnerClient(sut.url, 'beijing-hq', [secrets.beijingNew, secrets.beijingOld]);
    hebei = new PartnerClient(sut.url, 'hebei-center', [secrets.hebei]);
    xiongan = new PartnerClient(sut.url, 'xiongan-center', [secrets.xiongan]);
  });
  afterAll(() => sut?.stop());

  const achievement = (client: PartnerClient) => client.event('research.achievement.listed.v1', (d) => ({ ...d, achievementId: unique('ach') }));

  it('accepts a signed batch and publishes each event to its domain topic as the partner (id, source, time kept)', async () => {
    const listed = achievement(hebei);
    const activity = hebei.event('service.activity.held.v1', (d) => ({ ...d, activityId: unique('act'), title: '京津冀成果对接会（雄安专场）' }));
    const res = await hebei.send({ events: [listed, activity] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      webhookId: expect.any(String),
      results: [
        { index: 0, id: listed.id, status: 'accepted' },
        { index: 1, id: activity.id, status: 'accepted' },
      ],
      accepted: 2,
      duplicates: 0,
      rejected: 0,
    });
    const [published] = await sut.events.expect('research.achievement.listed.v1', (e) => e.id === listed.id);
    expect(published).toEqual(listed);
    expect(published!.source).toBe('partner/hebei-center');
    await sut.events.expect('service.activity.held.v1', (e) => e.id === activity.id && e.source === 'partner/hebei-center');
  });

  it('accepts a request signed with the old secret during a rotation, and a header carrying both', async () => {
    expect((await beijing.send({ events: [achievement(beijing)] }, { signWith: [secrets.beijingOld] })).status).toBe(200);
    expect((await beijing.send({ events: [achievement(beijing)] }, { signWith: [secrets.beijingNew, secrets.beijingOld] })).status).toBe(200);
  });

  describe('refuses the request as a whole', () => {
    it('unsigned: 401 missing_signature', async () => {
      const res = await hebei.send({ events: [achievement(hebei)] }, { signature: null });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'missing_signature' });
    });

    it('unknown partner id: 401 unknown_partner', async () => {
      const res = await hebei.send({ events: [achievement(hebei)] }, { headers: { 'x-partner-id': 'shanghai-center' } });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'unknown_partner' });
    });

    it('bad signature: another partner’s secret, or a body changed after signing: 401 bad_signature', async () => {
      const signedByBeijing = await hebei.send({ events: [achievement(hebei)] }, { signWith: [secrets.beijingNew] });
      expect(signedByBeijing.status).toBe(401);
      expect(signedByBeijing.body).toMatchObject({ code: 'bad_signature' });
      // Claiming to be Hebei with Beijing's valid credentials is the same failure.
      const claimed = await beijing.send({ events: [achievement(beijing)] }, { headers: { 'x-partner-id': 'hebei-center' } });
      expect(claimed.status).toBe(401);
      const body = JSON.stringify({ events: [achievement(hebei)] });
      const timestamp = Math.floor(Date.now() / 1000);
      const webhookId = unique('msg-tamper');
      const signature = signatureOf(secrets.hebei, webhookId, timestamp, body);
      expect((await hebei.send(body, { webhookId: unique('msg-ok'), timestamp, signature: signatureOf(secrets.hebei, 'other-id', timestamp, body) })).status).toBe(401);
      const tampered = await hebei.send(body.replace('河北工业大学', '河北大学'), { webhookId, timestamp, signature });
      expect(tampered.status).toBe(401);
    });

    it.each([
      ['old', -301],
      ['in the future', 301],
    ])('stale timestamp (%s, more than 5 minutes off): 401 stale_timestamp', async (_dir, skew) => {
      const res = await hebei.send({ events: [achievement(hebei)] }, { timestamp: Math.floor(Date.now() / 1000) + skew });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'stale_timestamp' });
    });

    it('replayed webhook-id, even freshly re-signed: 409 replayed, and nothing of it is processed', async () => {
      const webhookId = unique('msg-replay');
      const first = achievement(hebei);
      expect((await hebei.send({ events: [first] }, { webhookId })).status).toBe(200);
      const second = achievement(hebei);
      const replay = await hebei.send({ events: [second] }, { webhookId });
      expect(replay.status).toBe(409);
      expect(replay.body).toMatchObject({ code: 'replayed' });
      expect(await outboxCopies(second.id)).toBe(0n);
      // The same id is still free for another partner: ids are per partner.
      expect((await beijing.send({ events: [achievement(beijing)] }, { webhookId })).status).toBe(200);
    });

    it('oversized body: 413; a body the server still reads is authenticated and quarantined (excerpt), a larger one refused unread', async () => {
      const big = hebei.event('research.achievement.listed.v1', (d) => ({ ...d, achievementId: unique('ach'), summary: '成'.repeat(600) }));
      const events = Array.from({ length: 60 }, () => big);
      const webhookId = unique('msg-big');
      const res = await hebei.send({ events }, { webhookId });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'body_too_large', quarantineId: expect.any(String) });
      const entry = (await sut.http('GET', `/quarantine/${res.body.quarantineId}`, undefined, await sut.token({ roles: ['ops'] }))).body;
      expect(entry).toMatchObject({ partner: 'hebei-center', webhookId, kind: 'body_too_large', truncated: true, status: 'pending' });
      expect(entry.rawBytes).toBeGreaterThan(MAX_BODY);

      // Beyond what the server reads at all (the larger of twice the limit and the platform's 1 MiB).
      const huge = await hebei.send(Buffer.alloc(1536 * 1024, 0x20));
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ statusCode: 413, message: expect.stringMatching(/too large/i) });
      expect((await sut.http('GET', '/health/live')).status).toBe(200);
    });

    it('JSON nested deeper than 32 levels: 400 too_deep, quarantined, no crash', async () => {
      const res = await hebei.send(`{"events":[${'['.repeat(20_000)}${']'.repeat(20_000)}]}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'too_deep', quarantineId: expect.any(String) });
      expect((await sut.http('GET', '/health/live')).status).toBe(200);
    });

    it('a body that is not JSON, or not a batch: 400, quarantined', async () => {
      const broken = await hebei.send('{"events": [ {"id": "x"');
      expect(broken.status).toBe(400);
      expect(broken.body).toMatchObject({ code: 'invalid_json', quarantineId: expect.any(String) });
      const notBatch = await hebei.send([achievement(hebei)]);
      expect(notBatch.status).toBe(400);
      expect(notBatch.body).toMatchObject({ code: 'invalid_batch' });
    });

    it('more than 500 events: 413 too_many_events', async () => {
      const res = await hebei.send({ events: Array.from({ length: 501 }, () => ({})) });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'too_many_events' });
    });
  });

  describe('answers per event', () => {
    it('impersonation: an event with another partner’s source is rejected (rule impersonation) and quarantined', async () => {
      const own = achievement(hebei);
      const forged = { ...achievement(beijing) };
      const res = await hebei.send({ events: [own, forged] });
      expect(res.status).toBe(200);
      expect(res.body.results).toEqual([
        { index: 0, id: own.id, status: 'accepted' },
        { index: 1, id: forged.id, status: 'rejected', issues: [expect.objectContaining({ path: 'source', rule: 'impersonation' })], quarantineId: expect.any(String) },
      ]);
      expect(await outboxCopies(forged.id)).toBe(0n);
    });

    it('ungranted type: Xiong’an may not publish investments (rule not_granted)', async () => {
      const investment = { ...beijing.event('fund.investment.made.v1', (d) => ({ ...d, investmentId: unique('inv') })), source: 'partner/xiongan-center' };
      const res = await xiongan.send({ events: [investment] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accepted: 0, rejected: 1, results: [{ index: 0, status: 'rejected', issues: [{ path: 'type', rule: 'not_granted' }] }] });
    });

    it('invalid payload: the issues name the field path and the rule', async () => {
      const event = achievement(hebei);
      const invalid = { ...event, data: { ...event.data, owner: { ...event.data.owner, region: 'shanghai' }, askingPrice: { amount: '1200000.005', currency: 'CNY' } } };
      const res = await hebei.send({ events: [invalid] });
      expect(res.status).toBe(200);
      const issues = (res.body.results[0].issues as { path: string; rule: string }[]).map((i) => `${i.path}:${i.rule}`);
      expect(issues).toEqual(expect.arrayContaining(['data.owner.region:invalid_value', 'data.askingPrice.amount:invalid_format']));
    });

    it('duplicate resend: status duplicate, not published again', async () => {
      const event = achievement(hebei);
      expect((await hebei.send({ events: [event] })).body.results[0].status).toBe('accepted');
      const sentinel = achievement(hebei);
      const resend = await hebei.send({ events: [event, sentinel, event] });
      expect(resend.body).toMatchObject({ accepted: 1, duplicates: 2, rejected: 0 });
      expect(resend.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'accepted', 'duplicate']);
      await sut.events.expect('research.achievement.listed.v1', (e) => e.id === sentinel.id);
      expect(await outboxCopies(event.id)).toBe(1n);
      expect(sut.events.all().filter((e) => e.id === event.id)).toHaveLength(1);
    });

    it('concurrent resends of the same events: each accepted exactly once', async () => {
      const events = [achievement(hebei), achievement(hebei), achievement(hebei)];
      const answers = await Promise.all([hebei.send({ events }), hebei.send({ events: [...events].reverse() }), hebei.send({ events })]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.reduce((n, a) => n + (a.body.accepted as number), 0)).toBe(3);
      expect(answers.reduce((n, a) => n + (a.body.duplicates as number), 0)).toBe(6);
      for (const e of events) expect(await outboxCopies(e.id)).toBe(1n);
    });

    it('loses nothing: every event of a mixed batch is accepted, duplicate, or rejected into the quarantine', async () => {
      const seen = achievement(hebei);
      await hebei.send({ events: [seen] });
      const batch: unknown[] = [
        achievement(hebei),
        seen,
        { ...achievement(hebei), source: 'partner/xiongan-center' },
        'not an event',
        { ...achievement(hebei), type: 'research.achievement.unknown.v1' },
        { ...achievement(hebei), subject: 'ach-other' },
        achievement(hebei),
      ];
      const webhookId = unique('msg-mixed');
      const res = await hebei.send({ events: batch }, { webhookId });
      expect(res.status).toBe(200);
      expect(res.body.results).toHaveLength(batch.length);
      expect(res.body.results.map((r: { index: number }) => r.index)).toEqual(batch.map((_, i) => i));
      expect(res.body).toMatchObject({ accepted: 2, duplicates: 1, rejected: 4 });
      const quarantined = await quarantineOf(webhookId);
      expect(quarantined.total).toBe(4);
      const rejected = (res.body.results as { index: number; status: string; quarantineId?: string }[]).filter((r) => r.status === 'rejected');
      expect(quarantined.items.map((q: { batchIndex: number; id: string }) => [q.batchIndex, q.id]).sort()).toEqual(rejected.map((r) => [r.index, r.quarantineId]).sort());
      expect(quarantined.items.map((q: { kind: string }) => q.kind).sort()).toEqual(['impersonation', 'invalid_event', 'invalid_event', 'invalid_event']);
    });
  });

  describe('quarantine API', () => {
    let entryId: string;
    beforeAll(async () => {
      const event = achievement(hebei);
      const res = await hebei.send({ events: [{ ...event, data: { ...event.data, title: '   ' } }] });
      entryId = res.body.results[0].quarantineId;
    });

    it('lists and filters for coordinators, center admins and ops; not for readers', async () => {
      const coordinator = await sut.token({ roles: ['coordinator'], network: 'research' });
      const list = await sut.http('GET', '/quarantine?partner=hebei-center&status=pending&limit=5', undefined, coordinator);
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ limit: 5, offset: 0, total: expect.any(Number) });
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(list.body.items.every((i: { partner: string; status: string }) => i.partner === 'hebei-center' && i.status === 'pending')).toBe(true);
      expect(list.body.items[0]).not.toHaveProperty('raw');
      expect((await sut.http('GET', '/quarantine', undefined, await sut.token({ roles: ['reader'] }))).status).toBe(403);
      expect((await sut.http('GET', '/quarantine')).status).toBe(401);
      expect((await sut.http('GET', '/quarantine?status=lost', undefined, coordinator)).status).toBe(400);
    });

    it('inspects one entry with its raw JSON and reason', async () => {
      const res = await sut.http('GET', `/quarantine/${entryId}`, undefined, await sut.token({ roles: ['coordinator'], network: 'service' }));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: entryId, partner: 'hebei-center', channel: 'http', kind: 'invalid_event', batchIndex: 0, status: 'pending', version: 1 });
      expect(res.body.issues).toEqual([expect.objectContaining({ path: 'data.title', rule: 'custom' })]);
      expect(JSON.parse(res.body.raw)).toMatchObject({ source: 'partner/hebei-center', data: { title: '   ' } });
      expect((await sut.http('GET', '/quarantine/00000000-0000-4000-8000-000000000000', undefined, await sut.token({ roles: ['ops'] }))).status).toBe(404);
    });

    it('resolves with a note (center admin or ops; 403 for a coordinator), once, audited', async () => {
      const coordinator = await sut.token({ roles: ['coordinator'], network: 'research' });
      expect((await sut.http('POST', `/quarantine/${entryId}/resolve`, { note: '已通知河北中心修正后重发' }, coordinator)).status).toBe(403);
      const admin = await sut.token({ roles: ['center-admin'], sub: 'admin-li' });
      expect((await sut.http('POST', `/quarantine/${entryId}/resolve`, { note: '' }, admin)).status).toBe(400);
      expect((await sut.http('POST', `/quarantine/${entryId}/resolve`, { note: '已通知', version: 7 }, admin)).status).toBe(409);
      const resolved = await sut.http('POST', `/quarantine/${entryId}/resolve`, { note: '已通知河北中心修正后重发', version: 1 }, admin);
      expect(resolved.status).toBe(200);
      expect(resolved.body).toMatchObject({ status: 'resolved', note: '已通知河北中心修正后重发', resolvedBy: 'admin-li', version: 2 });
      const again = await sut.http('POST', `/quarantine/${entryId}/resolve`, { note: '再次' }, await sut.token({ roles: ['ops'] }));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ currentState: 'resolved', allowedTransitions: [] });
      const audit = await sut.http('GET', `/quarantine/${entryId}/audit`, undefined, admin);
      expect(audit.body).toEqual([expect.objectContaining({ actor: 'admin-li', action: 'quarantine.resolve', detail: expect.objectContaining({ note: '已通知河北中心修正后重发' }) })]);
    });
  });

  // Found by e2e/security/fuzz-gateway.e2e.ts: each of these answered 500 (PostgreSQL refused the quarantine or partner_event row).
  it('answers 400 / rejected, never 500, for input holding U+0000 or half a surrogate pair', async () => {
    expect((await beijing.send('\u{7d6a2}x')).status).toBe(400);
    expect((await beijing.send('{"a":"\u0000')).status).toBe(400);
    const res = await beijing.send({ events: [{ id: 'a\u0000b', type: 'x\u0000' }, { ...achievement(beijing), data: { ...achievement(beijing).data, title: '碳纤维\u0000技术' } }] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected']);
    expect(res.body.results[1].issues).toEqual([expect.objectContaining({ path: 'data.title', rule: 'invalid_character' })]);
  });

  it('counts outcomes per partner in /metrics', async () => {
    const text = (await sut.http('GET', '/metrics')).body as string;
    expect(text).toMatch(/tjc_partner_events_total\{[^}]*partner="hebei-center"[^}]*outcome="accepted"[^}]*\} [1-9]/);
    expect(text).toMatch(/tjc_partner_events_total\{[^}]*partner="hebei-center"[^}]*outcome="rejected"[^}]*\} [1-9]/);
    expect(text).toMatch(/tjc_partner_requests_refused_total\{[^}]*reason="bad_signature"[^}]*\} [1-9]/);
  });

  // Last: it spends Xiong'an's request allowance (3 per minute in this file).
  it('rate-limits per partner: 429 with Retry-After, other partners unaffected', async () => {
    let limited: Awaited<ReturnType<PartnerClient['send']>> | undefined;
    for (let i = 0; i < 4 && !limited; i++) {
      const res = await xiongan.send({ events: [achievement(xiongan)] });
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited!.body).toMatchObject({ code: 'rate_limited' });
    expect((await hebei.send({ events: [achievement(hebei)] })).status).toBe(200);
  });
});
