import type { ContractIssue } from '@tjc/contracts';
import { verifySignature } from './webhook-signature';

/**
 * Proof of origin on the Kafka direct path. Anyone who can write to the
 * inbound topic could put any partner's `source` in an event, so a partner
 * signs each message the way it signs HTTP requests (Standard Webhooks),
 * in the message headers:
 *
 *   webhook-id        = the event's id (binds the signature to this event)
 *   webhook-timestamp = unix seconds when it was signed
 *   webhook-signature = v1,base64(HMAC-SHA256(secret, `${id}.${timestamp}.${value bytes}`))
 *
 * with the secret of the partner named in `source`. No freshness window here,
 * unlike HTTP: a message may be read long after it was produced (consumer lag,
 * a replayed dead letter), and a replay of a signed message is harmless —
 * `source` + `id` de-duplicates it. In production SASL/SCRAM ACLs are the
 * first line (docs/partners.md); this check holds without them.
 */
export function checkKafkaOrigin(
  headers: Readonly<Record<string, string>>,
  value: Buffer | null,
  eventId: string,
  secrets: readonly string[] | undefined,
): { ok: true } | { ok: false; kind: 'unsigned' | 'bad_signature'; issue: ContractIssue } {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (id === undefined || timestamp === undefined || signature === undefined || value === null) {
    return { ok: false, kind: 'unsigned', issue: { path: 'headers.webhook-signature', rule: 'unsigned', message: 'a message on the partner inbound topic needs webhook-id, webhook-timestamp and webhook-signature headers' } };
  }
  if (id !== eventId) {
    return { ok: false, kind: 'bad_signature', issue: { path: 'headers.webhook-id', rule: 'id_mismatch', message: 'webhook-id must be the event id the signature covers' } };
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, kind: 'bad_signature', issue: { path: 'headers.webhook-timestamp', rule: 'invalid_timestamp', message: 'webhook-timestamp must be unix seconds' } };
  }
  if (!secrets?.length || !verifySignature(secrets, id, timestamp, value, signature)) {
    return { ok: false, kind: 'bad_signature', issue: { path: 'headers.webhook-signature', rule: 'bad_signature', message: "the signature does not match the message under the secret of the partner named in source" } };
  }
  return { ok: true };
}
