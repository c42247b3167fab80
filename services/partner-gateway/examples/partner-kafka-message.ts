/**
 * A partner's Kafka message for tjc.partner.inbound.v1, signed as the partner
 * gateway requires (docs/partners.md §6; the check is ../src/partners/
 * kafka-origin.ts). Copy this file as it is: it depends on
 * node:crypto only, and the gateway's tests produce every partner example of
 * asyncapi.yaml through it to the real gateway consumer.
 *
 *   import { Kafka } from 'kafkajs';
 *   import { signedPartnerMessage } from './partner-kafka-message';
 *   const producer = new Kafka({ … SASL/SCRAM, see §6 … }).producer({ idempotent: true, maxInFlightRequests: 1 });
 *   await producer.connect();
 *   await producer.send({ topic: 'tjc.partner.inbound.v1', acks: -1, messages: [signedPartnerMessage(event, process.env.TJC_SIGNING_SECRET!)] });
 *
 * An unsigned message (only the `ce_*` headers) is quarantined as `unsigned`.
 */
import { createHmac } from 'node:crypto';

export interface PartnerEnvelope {
  readonly id: string;
  readonly source: string;
  readonly type: string;
  readonly subject: string;
  readonly [field: string]: unknown;
}

export interface SignedMessage {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

/**
 * The envelope as the message value (serialised once: these bytes are signed
 * AND sent), keyed by its subject, with the signature headers:
 *   webhook-id        the event's id (binds the signature to this event)
 *   webhook-timestamp unix seconds when signed
 *   webhook-signature v1,base64(HMAC-SHA256(key, `${id}.${timestamp}.${value bytes}`)),
 *                     key = base64-decoded secret without its `whsec_` prefix
 * plus the optional ce_id / ce_source / ce_type copies.
 */
export function signedPartnerMessage(event: PartnerEnvelope, secret: string, nowMs: number = Date.now()): SignedMessage {
  if (!secret.startsWith('whsec_')) throw new Error('the signing secret must be the whsec_… value from your secret store');
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const value = Buffer.from(JSON.stringify(event), 'utf8');
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = createHmac('sha256', key).update(`${event.id}.${timestamp}.`).update(value).digest('base64');
  return {
    key: event.subject,
    value,
    headers: {
      'webhook-id': event.id,
      'webhook-timestamp': timestamp,
      'webhook-signature': `v1,${signature}`,
      ce_id: event.id,
      ce_source: event.source,
      ce_type: event.type,
    },
  };
}
