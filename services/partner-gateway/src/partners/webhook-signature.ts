import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Request signing in the manner of Standard Webhooks
 * (https://www.standardwebhooks.com), so partners can use its reference
 * libraries unchanged:
 *
 *   signed content = `${webhook-id}.${webhook-timestamp}.${raw body bytes}`
 *   key            = base64-decode(secret without its `whsec_` prefix)
 *   signature      = `v1,` + base64(HMAC-SHA256(key, signed content))
 *   header         = one or more signatures separated by spaces (rotation)
 */
export const SECRET_FORMAT = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

export function decodeSecret(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function signatureOf(secret: string, webhookId: string, timestamp: number | string, body: Buffer | string): string {
  const mac = createHmac('sha256', decodeSecret(secret));
  mac.update(`${webhookId}.${timestamp}.`);
  mac.update(body);
  return `v1,${mac.digest('base64')}`;
}

/** The base64 MACs of the `v1` entries of a `webhook-signature` header; other versions are ignored. */
export function v1Signatures(header: string): Buffer[] {
  return header
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => Buffer.from(entry.slice(3), 'base64'))
    .filter((mac) => mac.length === 32);
}

/**
 * True when any signature in the header is the HMAC of the content under any
 * of the partner's secrets (several during a rotation). Each comparison is
 * constant-time; every candidate is compared, so timing does not reveal which
 * secret or entry matched.
 */
export function verifySignature(secrets: readonly string[], webhookId: string, timestamp: number | string, body: Buffer | string, header: string): boolean {
  const given = v1Signatures(header);
  let ok = false;
  for (const secret of secrets) {
    const expected = Buffer.from(signatureOf(secret, webhookId, timestamp, body).slice(3), 'base64');
    for (const mac of given) {
      if (timingSafeEqual(expected, mac)) ok = true;
    }
  }
  return ok;
}

/**
 * Standard Webhooks' timestamp check: the signed timestamp (unix seconds)
 * must be within `toleranceS` of now, in either direction. Refuses old
 * captures being replayed after the replay guard forgot their id, and
 * timestamps "from the future" that would outlive it.
 */
export function checkTimestamp(header: string, nowMs: number, toleranceS: number): { ok: true; timestamp: number } | { ok: false; reason: string } {
  if (!/^\d{1,12}$/.test(header)) return { ok: false, reason: 'webhook-timestamp must be unix seconds' };
  const timestamp = Number(header);
  const skew = Math.floor(nowMs / 1000) - timestamp;
  if (skew > toleranceS) return { ok: false, reason: `webhook-timestamp is ${skew}s old; at most ${toleranceS}s is accepted` };
  if (-skew > toleranceS) return { ok: false, reason: `webhook-timestamp is ${-skew}s in the future; at most ${toleranceS}s is accepted` };
  return { ok: true, timestamp };
}

/** `webhook-id`: unique per request, printable, bounded. */
export const WEBHOOK_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
