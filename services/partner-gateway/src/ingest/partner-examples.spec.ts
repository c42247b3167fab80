/**
 * The examples partners are shown (asyncapi.yaml, generated from
 * contracts/src/examples.ts) pass the gateway's own checks as they are:
 * impersonation, grants, the contracts, business time and region — and,
 * signed by the Kafka example of docs/partners.md, the Kafka proof of origin.
 * Before #18.17 every example used a tjc/… source, which the gateway refuses
 * from a partner as impersonation. Pure: no I/O.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allDefinitions, allPartnerExamples } from '@tjc/contracts';
import { signedPartnerMessage, type PartnerEnvelope } from '../../examples/partner-kafka-message';
import { buildGrants } from '../partners/grants';
import { checkKafkaOrigin } from '../partners/kafka-origin';
import { PARTNER_IDS, type PartnerId } from '../partners/partner';
import { classifyEvent } from './receive-batch/receive-batch.command';

const { grants } = buildGrants(PARTNER_IDS);
const examples = allPartnerExamples();
const secret = `whsec_${randomBytes(32).toString('base64')}`;

describe('partner examples (asyncapi.yaml) pass the gateway as they are', () => {
  it('every type a partner may publish has at least one partner example', () => {
    const partnerTypes = allDefinitions()
      .filter((d) => d.publishers.some((p) => p.startsWith('partner/')))
      .map((d) => d.type)
      .sort();
    expect([...new Set(examples.map((e) => e.type))].sort()).toEqual(partnerTypes);
  });

  it('asyncapi.yaml carries every partner example, under its name and source', () => {
    const yaml = readFileSync(path.join(__dirname, '../../../../contracts/asyncapi.yaml'), 'utf8');
    for (const e of examples) {
      expect({ example: e.name, type: e.type, listed: yaml.includes(`name: ${e.name}`) && yaml.includes(`id: ${String(e.envelope['id'])}`) }).toEqual({ example: e.name, type: e.type, listed: true });
    }
  });

  it.each(examples.map((e) => [e.name, e.type, e] as const))('%s (%s) is accepted over HTTPS: its own source, region and a granted type', (_name, _type, e) => {
    const partner = e.source.slice('partner/'.length) as PartnerId;
    const verdict = classifyEvent(e.envelope, { id: partner, source: e.source }, grants);
    expect(verdict.ok ? 'accepted' : verdict).toBe('accepted');
  });

  it.each(examples.map((e) => [e.name, e.type, e] as const))('%s (%s), signed by the docs’ Kafka example, passes the Kafka proof of origin', (_name, _type, e) => {
    const message = signedPartnerMessage(e.envelope as PartnerEnvelope, secret);
    expect(checkKafkaOrigin(message.headers, message.value, String(e.envelope['id']), [secret])).toEqual({ ok: true });
    // Unsigned (only the ce_* headers, as the guide's example once was): quarantined.
    const { 'webhook-signature': _signature, 'webhook-id': _id, 'webhook-timestamp': _ts, ...ceOnly } = message.headers;
    expect(checkKafkaOrigin(ceOnly, message.value, String(e.envelope['id']), [secret])).toMatchObject({ ok: false, kind: 'unsigned' });
  });
});
