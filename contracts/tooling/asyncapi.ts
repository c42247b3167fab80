import { stringify } from 'yaml';
import { allDefinitions } from '../src/catalogue';
import { DEAD_LETTER_HEADERS, TOPICS, type TopicKey } from '../src/topics';
import { WIRE_HEADERS } from '../src/kafka-wire';
import { SOURCES } from '../src/sources';
import { partnerExamples } from '../src/examples';
import { eventJsonSchema } from './json-schemas';

const pascal = (s: string) => s.replace(/(^|[.\-_])([a-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());

/**
 * The AsyncAPI 3 document of the platform, generated from the catalogue so it
 * can never drift from the code. A partner can build a producer from it alone:
 * channels (topics, partition key, retention), every message with its full
 * payload schema, headers and an example.
 */
export function buildAsyncApi(): Record<string, unknown> {
  const defs = allDefinitions();
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};

  for (const [key, topic] of Object.entries(TOPICS) as [TopicKey, (typeof TOPICS)[TopicKey]][]) {
    const own = defs.filter((d) => d.topic === key);
    // Partners producing directly to Kafka may send any partner-publishable type to the inbound topic.
    const carried = key === 'partnerInbound' ? defs.filter((d) => d.publishers.some((p) => p.startsWith('partner/'))) : own;
    channels[key] = {
      address: topic.name,
      title: topic.name,
      description: `${topic.description}\n\nPartition key: the event \`subject\` (aggregate id); events of one aggregate stay in order. Retention: ${topic.retentionMs < 0 ? 'forever (the event history)' : `${Math.round(topic.retentionMs / 86_400_000)} days`}.`,
      messages: Object.fromEntries(carried.map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }])),
      bindings: {
        kafka: {
          partitions: topic.partitions,
          replicas: 1,
          topicConfiguration: { 'retention.ms': topic.retentionMs, 'cleanup.policy': ['delete'] },
          bindingVersion: '0.5.0',
        },
      },
    };
    if (carried.length === 0) continue;
    operations[`${key === 'partnerInbound' ? 'receive' : 'publish'}${pascal(key)}`] = {
      action: key === 'partnerInbound' ? 'receive' : 'send',
      title: key === 'partnerInbound' ? 'Partners produce raw events; the gateway validates and republishes them' : `Events published on ${topic.name}`,
      channel: { $ref: `#/channels/${key}` },
      messages: carried.map((d) => ({ $ref: `#/channels/${key}/messages/${d.type}` })),
    };
  }

  for (const def of defs) {
    const example = def.examples[0];
    // Examples a partner sends as they are: its own source and region (the gateway refuses any other).
    const fromPartners = partnerExamples(def).map((p) => ({
      name: p.name,
      summary: p.summary,
      headers: { [WIRE_HEADERS.id]: p.envelope['id'], [WIRE_HEADERS.source]: p.source, [WIRE_HEADERS.type]: def.type },
      payload: p.envelope,
    }));
    messages[def.type] = {
      name: def.type,
      title: `${def.title.zh} / ${def.title.en}`,
      summary: def.description,
      contentType: 'application/cloudevents+json; charset=utf-8',
      headers: {
        type: 'object',
        properties: {
          [WIRE_HEADERS.id]: { type: 'string', description: 'Copy of the envelope id' },
          [WIRE_HEADERS.source]: { type: 'string', description: 'Copy of the envelope source' },
          [WIRE_HEADERS.type]: { type: 'string', const: def.type },
          [WIRE_HEADERS.traceparent]: { type: 'string', description: 'W3C trace context' },
        },
        required: [WIRE_HEADERS.id, WIRE_HEADERS.source, WIRE_HEADERS.type],
      },
      payload: { schemaFormat: 'application/schema+json;version=draft-07', schema: eventJsonSchema(def) },
      correlationId: { location: '$message.payload#/correlationId' },
      bindings: { kafka: { key: { type: 'string', description: 'The envelope subject (aggregate id)' }, bindingVersion: '0.5.0' } },
      'x-publishers': def.publishers,
      'x-version': def.version,
      examples: [
        {
          name: 'example',
          summary: def.title.en,
          headers: { [WIRE_HEADERS.id]: '0190f2a0-7c1e-7000-8000-000000000001', [WIRE_HEADERS.source]: def.publishers[0], [WIRE_HEADERS.type]: def.type },
          payload: {
            specversion: '1.0',
            id: '0190f2a0-7c1e-7000-8000-000000000001',
            source: def.publishers[0],
            type: def.type,
            subject: (def.subjectOf as (d: unknown) => string)(def.data.parse(example)),
            time: '2024-06-18T10:00:00+08:00',
            datacontenttype: 'application/json',
            dataschema: `urn:tjc:schema:${def.type}:${def.version}`,
            dataversion: def.version,
            region: SOURCES[def.publishers[0]!].region,
            confidentiality: def.confidentiality,
            correlationId: '0190f2a0-7c1e-7000-8000-000000000001',
            data: example,
          },
        },
        ...fromPartners,
      ],
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Tianjin Center platform events (京津冀国家技术创新中心天津中心)',
      version: '1.0.0',
      description: [
        'Every event that crosses a service boundary of the Tianjin Center platform: the four collaborative innovation networks',
        '(research 科研, industry 产业, service 服务, fund 基金), the center, and partner systems in Beijing and Hebei.',
        '',
        'Every message is one JSON envelope (CloudEvents 1.0 structured mode) keyed by its `subject`.',
        '`source` + `id` identifies an event: resending the same pair is de-duplicated.',
        '`time` is the business time with an offset; KPIs count it in the Asia/Shanghai calendar year.',
        'Money is `{ "amount": "<decimal string>", "currency": "CNY" }`, never a float. Text is UTF-8 and Chinese-first.',
        `Dead letters carry headers: ${Object.values(DEAD_LETTER_HEADERS).join(', ')}.`,
        'Generated from contracts/src by `pnpm --filter @tjc/contracts gen:artifacts`; do not edit by hand.',
      ].join('\n'),
    },
    defaultContentType: 'application/cloudevents+json; charset=utf-8',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'Local single-node broker (KRaft) started by ./platform up' },
      partners: {
        host: 'kafka.tjc.example:9094',
        protocol: 'kafka-secure',
        description: 'Partner access (SASL/SCRAM-SHA-512 over TLS); each partner may only write to tjc.partner.inbound.v1',
        security: [{ $ref: '#/components/securitySchemes/partnerScram' }],
      },
    },
    channels,
    operations,
    components: {
      messages,
      securitySchemes: { partnerScram: { type: 'scramSha512', description: 'One principal per partner system' } },
    },
  };
}

export function asyncApiYaml(): string {
  return stringify(buildAsyncApi(), { lineWidth: 0, aliasDuplicateObjects: false });
}
