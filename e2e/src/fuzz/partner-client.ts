/**
 * The partner side of the gateway for the fuzz suite: Standard Webhooks
 * signing over the exact bytes sent (docs/partners.md, section 3), with the
 * development secrets infra/env.sh puts in PARTNER_SECRETS.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { allDefinitions, type EventType, type Source } from '@tjc/contracts';

export interface PartnerCredentials {
  readonly id: string;
  readonly source: Source;
  readonly secret: string;
  /** Types the contracts let this partner publish (no PARTNER_GRANTS narrowing runs locally). */
  readonly granted: readonly EventType[];
}

export function partnerCredentials(): PartnerCredentials[] {
  const raw = process.env['PARTNER_SECRETS'];
  if (!raw) throw new Error('PARTNER_SECRETS is not set: source infra/env.sh first');
  const secrets = JSON.parse(raw) as Record<string, string | string[]>;
  return Object.entries(secrets).map(([id, s]) => {
    const source = `partner/${id}` as Source;
    const secret = Array.isArray(s) ? s[0] : s;
    if (!secret) throw new Error(`PARTNER_SECRETS.${id} has no secret`);
    const granted = allDefinitions()
      .filter((d) => (d.publishers as readonly string[]).includes(source))
      .map((d) => d.type as EventType);
    return { id, source, secret, granted };
  });
}

export function signatureOf(secret: string, webhookId: string, timestamp: number, body: string | Buffer): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${webhookId}.${timestamp}.`).update(body).digest('base64')}`;
}

export interface SignedResponse {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterS?: number;
}

/** POSTs `body` (bytes sent exactly as signed) to /partner/v1/events with a fresh webhook id. */
export async function sendSigned(gatewayUrl: string, partner: PartnerCredentials, body: string | Buffer, contentType = 'application/json'): Promise<SignedResponse> {
  const webhookId = `msg_${randomUUID().replace(/-/g, '')}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${gatewayUrl}/partner/v1/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-partner-id': partner.id,
      'webhook-id': webhookId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureOf(partner.secret, webhookId, timestamp, body),
    },
    // Uint8Array is a BodyInit; a Buffer is one, but not in the DOM lib's types.
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: kept as text for the failure message.
  }
  const retry = res.headers.get('retry-after');
  return { status: res.status, body: parsed, ...(retry !== null && { retryAfterS: Number(retry) }) };
}

/** Like sendSigned, but waits out a 429 (Retry-After) and resends in a new request, as a partner must. */
export async function sendSignedPatiently(gatewayUrl: string, partner: PartnerCredentials, body: string | Buffer, onThrottled: () => void): Promise<SignedResponse> {
  for (let attempt = 1; ; attempt++) {
    const res = await sendSigned(gatewayUrl, partner, body);
    // Only 429 is waited out: a 503 is a 5xx, which the fuzz suite must see and count.
    if (res.status !== 429 || attempt >= 6) return res;
    onThrottled();
    await new Promise((r) => setTimeout(r, Math.min(30, Math.max(1, res.retryAfterS ?? 2)) * 1000));
  }
}
