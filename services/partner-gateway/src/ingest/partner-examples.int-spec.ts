/**
 * A partner who copies docs/partners.md: every partner example of
 * asyncapi.yaml (contracts/src/examples.ts), signed by the guide's Kafka
 * example (services/partner-gateway/examples/partner-kafka-message.ts) and produced as it is to
 * tjc.partner.inbound.v1, is accepted by the real gateway consumer and
 * republished on its domain topic — none is quarantined. Real: Kafka
 * (namespaced topics), the runtime's reliable consumer, PostgreSQL, Redis,
 * the outbox relay. Faked: the SASL principal (the local broker has none).
 */
import path from 'node:path';
import { allPartnerExamples, TOPICS, type EventType } from '@tjc/contracts';
import { startServiceForTest, type ServiceUnderTest } from '@tjc/service-testing';
import { testInfra, testKafka, uniqueName } from '@tjc/testing';
import { signedPartnerMessage, type PartnerEnvelope } from '../../examples/partner-kafka-message';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { newSecret } from '../../test/partner-client';
import { PARTNER_IDS } from '../partners/partner';
import { PARTNER_GATEWAY_GROUP } from './consume-inbound/consume-inbound.consumer';

jest.setTimeout(120_000);

describe('the guide’s partner examples over the Kafka direct path (real Kafka, PostgreSQL, Redis)', () => {
  let sut: ServiceUnderTest;
  let producer: ReturnType<ReturnType<typeof testKafka>['producer']>;
  const secrets = Object.fromEntries(PARTNER_IDS.map((p) => [p, newSecret()]));

  beforeAll(async () => {
    sut = await startServiceForTest({
      schemaDir: path.join(__dirname, '../../prisma/schema'),
      module: (env) => AppModule.register(loadServiceConfig(env)),
      consumer: { groupId: PARTNER_GATEWAY_GROUP, topics: ['partnerInbound'] },
      env: {
        PARTNER_SECRETS: JSON.stringify(Object.fromEntries(PARTNER_IDS.map((p) => [p, [secrets[p]]]))),
        PARTNER_RATE_KEY_PREFIX: `tjc:test:${uniqueName('pgw-examples')}`,
        QUARANTINE_SWEEP_MS: '300',
        CONSUMER_RETRY_BASE_MS: '20',
      },
    });
    producer = testKafka((await testInfra()).kafkaBrokers).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await sut?.stop();
  });

  it('accepts and republishes every partner example, each signed as the guide shows, none quarantined', async () => {
    const examples = allPartnerExamples();
    expect(examples.length).toBeGreaterThanOrEqual(8);
    await producer.send({
      topic: `${sut.namespace}.${TOPICS.partnerInbound.name}`,
      acks: -1,
      messages: examples.map((e) => signedPartnerMessage(e.envelope as PartnerEnvelope, secrets[e.source.slice('partner/'.length)]!)),
    });
    for (const e of examples) {
      const [published] = await sut.events.expect(e.type as EventType, (p) => p.id === e.envelope['id'] && p.source === e.source);
      expect(published).toMatchObject({ source: e.source, region: e.envelope['region'], data: e.envelope['data'] });
    }
    const ops = await sut.token({ roles: ['ops'] });
    const quarantine = (await sut.http('GET', '/quarantine?channel=kafka&limit=200', undefined, ops)).body.items as { eventId: string | null; kind: string }[];
    expect(quarantine).toEqual([]);
  });
});
