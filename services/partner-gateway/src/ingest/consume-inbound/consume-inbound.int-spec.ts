/**
 * Partners producing directly to Kafka (tjc.partner.inbound.v1). Real:
 * Kafka (namespaced topics), the runtime's reliable consumer (validation,
 * inbox, dead letters), PostgreSQL, Redis, the outbox relay. Faked: the
 * SASL principal (the local broker has no SASL; identity rests on `source`
 * plus grants here, on the broker's ACLs in production).
 */
import path from 'node:path';
import { toWireMessage, TOPICS, type PlatformEvent } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { expectEventually, testInfra, testKafka, uniqueName } from '@tjc/testing';
import { AppModule } from '../../app.module';
import { loadServiceConfig } from '../../config';
import { PrismaService } from '../../prisma.service';
import { newSecret, PartnerClient, unique } from '../../../test/partner-client';
import { signatureOf } from '../../partners/webhook-signature';
import { PARTNER_GATEWAY_GROUP } from './consume-inbound.consumer';

jest.setTimeout(90_000);

describe('partner inbound topic (real Kafka, PostgreSQL, Redis)', () => {
  let sut: ServiceUnderTest;
  let producer: ReturnType<ReturnType<typeof testKafka>['producer']>;
  const hebeiSecret = newSecret();
  let hebei: PartnerClient;
  let xiongan: PartnerClient;

  const xionganSecret = newSecret();
  const secretOf: Record<string, string> = { 'partner/hebei-center': hebeiSecret, 'partner/xiongan-center': xionganSecret };

  /**
   * Produces a raw value to the inbound topic, as a partner's producer would:
   * signed (Standard Webhooks headers over the value bytes) with the secret of
   * the partner the event names, unless `signWith` says otherwise.
   */
  const produce = async (event: PlatformEvent | Record<string, unknown>, signWith: string | null = secretOf[String(event['source'])] ?? null) => {
    const wire = toWireMessage(event as PlatformEvent);
    const value = Buffer.from(wire.value);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const id = String(event['id']);
    const signature = signWith ? { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signatureOf(signWith, id, timestamp, value) } : {};
    await producer.send({ topic: `${sut.namespace}.${TOPICS.partnerInbound.name}`, acks: -1, messages: [{ key: wire.key, value, headers: { ...wire.headers, ...signature } }] });
  };
  const ops = () => sut.token({ roles: ['ops'] });
  const quarantined = async (eventId: string) => (await sut.http('GET', `/quarantine?channel=kafka&limit=200`, undefined, await ops())).body.items.filter((q: { eventId: string | null }) => q.eventId === eventId);
  const outboxCopies = async (eventId: string) => (await sut.service.app.get(PrismaService).$queryRawUnsafe<{ n: bigint }[]>('SELECT count(*) AS n FROM rt_outbox WHERE event_id = $1', eventId))[0]!.n;

  beforeAll(async () => {
    sut = await startServiceForTest({
      schemaDir: path.join(__dirname, '../../../prisma/schema'),
      module: (env) => AppModule.register(loadServiceConfig(env)),
      consumer: { groupId: PARTNER_GATEWAY_GROUP, topics: ['partnerInbound'] },
      env: {
        PARTNER_SECRETS: JSON.stringify({ 'hebei-center': [hebeiSecret], 'xiongan-center': [xionganSecret] }),
        // Xiong'an's Kafka integration is limited to the supply list for now.
        PARTNER_GRANTS: JSON.stringify({ 'xiongan-center': ['research.achievement.listed.v1'] }),
        PARTNER_RATE_KEY_PREFIX: `tjc:test:${uniqueName('pgw-kafka')}`,
        QUARANTINE_SWEEP_MS: '300',
        CONSUMER_RETRY_BASE_MS: '20',
      },
    });
    producer = testKafka((await testInfra()).kafkaBrokers).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    hebei = new PartnerClient(sut.url, 'hebei-center', [hebeiSecret]);
    xiongan = new PartnerClient(sut.url, 'xiongan-center', [xionganSecret]);
  });
  afterAll(async () => {
    await producer?.disconnect();
    await sut?.stop();
  });

  const achievement = (client: PartnerClient) => client.event('research.achievement.listed.v1', (d) => ({ ...d, achievementId: unique('ach'), title: '雄安新区智能建造技术成果' }));

  it('republishes a valid partner event to its domain topic, as the partner', async () => {
    const event = achievement(xiongan);
    await produce(event);
    const [published] = await sut.events.expect('research.achievement.listed.v1', (e) => e.id === event.id);
    expect(published).toEqual(event);
  });

  it('dead-letters an invalid payload and quarantines it with the field path and rule', async () => {
    const event = achievement(hebei);
    await produce({ ...event, data: { ...event.data, owner: { ...event.data.owner, region: 'shanghai' } } });
    const [entry] = await expectEventually(async () => {
      const found = await quarantined(event.id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(entry).toMatchObject({ partner: 'hebei-center', channel: 'kafka', kind: 'dead_letter', issues: [expect.objectContaining({ path: 'data.owner.region', rule: 'invalid_value' })] });
    const detail = (await sut.http('GET', `/quarantine/${entry.id}`, undefined, await ops())).body;
    expect(detail.deadLetterId).toEqual(expect.any(String));
    expect(JSON.parse(detail.raw)).toMatchObject({ id: event.id });
    expect(await outboxCopies(event.id)).toBe(0n);
  });

  it('quarantines a platform source on the partner topic (impersonation) and an ungranted type, publishing neither', async () => {
    const forged = { ...achievement(hebei), source: 'tjc/research-network' };
    const ungranted = xiongan.event('service.activity.held.v1', (d) => ({ ...d, activityId: unique('act') }));
    await produce(forged);
    await produce(ungranted);
    await expectEventually(async () => {
      expect((await quarantined(forged.id)).map((q: { kind: string }) => q.kind)).toEqual(['impersonation']);
      expect((await quarantined(ungranted.id)).map((q: { kind: string; issues: { rule: string }[] }) => [q.kind, q.issues[0]!.rule])).toEqual([['not_granted', 'not_granted']]);
    });
    expect(await outboxCopies(forged.id)).toBe(0n);
    expect(await outboxCopies(ungranted.id)).toBe(0n);
  });

  it('treats an id already received over HTTP as a duplicate: not published again', async () => {
    const event = achievement(hebei);
    expect((await hebei.send({ events: [event] })).body.results[0].status).toBe('accepted');
    await produce(event);
    const sentinel = achievement(hebei);
    await produce(sentinel);
    await sut.events.expect('research.achievement.listed.v1', (e) => e.id === sentinel.id);
    await expectEventually(async () => {
      const rows = await sut.service.app.get(PrismaService).$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM rt_inbox WHERE event_id = $1`, event.id);
      expect(rows[0]!.n).toBe(1n);
    });
    expect(await outboxCopies(event.id)).toBe(1n);
  });

  it('quarantines an unsigned message and one signed by another partner (proof of origin), publishing neither', async () => {
    const unsigned = achievement(xiongan);
    // Hebei's producer claiming to be Xiong'an: a valid signature, but not with Xiong'an's secret.
    const impostor = achievement(xiongan);
    // A signed message whose value was changed after signing.
    const tampered = achievement(hebei);
    await produce(unsigned, null);
    await produce(impostor, hebeiSecret);
    const wire = toWireMessage(tampered as PlatformEvent);
    const ts = String(Math.floor(Date.now() / 1000));
    const signature = signatureOf(hebeiSecret, tampered.id, ts, Buffer.from(wire.value));
    const altered = Buffer.from(wire.value.toString().replace('雄安新区', '伪造'));
    await producer.send({ topic: `${sut.namespace}.${TOPICS.partnerInbound.name}`, acks: -1, messages: [{ key: wire.key, value: altered, headers: { ...wire.headers, 'webhook-id': tampered.id, 'webhook-timestamp': ts, 'webhook-signature': signature } }] });
    const sentinel = achievement(xiongan);
    await produce(sentinel);
    await sut.events.expect('research.achievement.listed.v1', (e) => e.id === sentinel.id);
    await expectEventually(async () => {
      const kinds = async (id: string) => (await quarantined(id)).map((q: { kind: string; issues: { path: string; rule: string }[] }) => [q.kind, q.issues[0]!.path, q.issues[0]!.rule]);
      expect(await kinds(unsigned.id)).toEqual([['unsigned', 'headers.webhook-signature', 'unsigned']]);
      expect(await kinds(impostor.id)).toEqual([['bad_signature', 'headers.webhook-signature', 'bad_signature']]);
      expect(await kinds(tampered.id)).toEqual([['bad_signature', 'headers.webhook-signature', 'bad_signature']]);
    });
    for (const e of [unsigned, impostor, tampered]) expect(await outboxCopies(e.id)).toBe(0n);
  });
});
