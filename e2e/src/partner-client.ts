/**
 * The partner side of the gateway, for every suite that plays a partner (the
 * scenario's Hebei Center, the fuzz suite): Standard Webhooks signing over the
 * exact bytes sent (docs/partners.md, section 3), a new webhook-id per
 * request, with the development secrets infra/env.sh puts in PARTNER_SECRETS.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { allDefinitions, type EventType, type Source } from '@tjc/contracts';

export interface PartnerCredentials {
  readonly id: string;
  readonly source: Source;
  /** The newest (first) signing secret: `{"hebei-center": ["whsec_…", "whsec_old…"]}` or a single string. */
  readonly secret: string;
  /** Types the contracts let this partner publish (no PARTNER_GRANTS narrowing runs locally). */
  readonly granted: readonly EventType[];
}

/** Every partner with a secret in PARTNER_SECRETS. */
export function partnerCredentials(): PartnerCredentials[] {
  const raw = process.env['PARTNER_SECRETS'];
  if (!raw) throw new Error('PARTNER_SECRETS is not set: run through ./platform test, or source infra/env.sh with REPO_ROOT set');
  const secrets = JSON.parse(raw) as Record<string, unknown>;
  return Object.entries(secrets).map(([id, s]) => {
    const source = `partner/${id}` as Source;
    const secret: unknown = Array.isArray(s) ? (s as unknown[])[0] : s;
    if (typeof secret !== 'string' || secret === '') throw new Error(`PARTNER_SECRETS has no secret for ${id}`);
    const granted = allDefinitions()
      .filter((d) => (d.publishers as readonly string[]).includes(source))
      .map((d) => d.type as EventType);
    return { id, source, secret, granted };
  });
}

export function partnerCredential(id: string): PartnerCredentials {
  const found = partnerCredentials().find((p) => p.id === id);
  if (!found) throw new Error(`PARTNER_SECRETS has no secret for ${id}`);
  return found;
}

export function signatureOf(secret: string, webhookId: string, timestamp: number, body: string | Buffer): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${webhookId}.${timestamp}.`).update(body).digest('base64')}`;
}

export interface SignedResponse {
  readonly status: number;
  /** Parsed JSON, or the text when the answer is not JSON. */
  readonly body: unknown;
  readonly retryAfterS?: number;
}

export interface EventOutcome {
  readonly index: number;
  readonly id: string | null;
  readonly status: 'accepted' | 'duplicate' | 'rejected';
  readonly issues?: readonly { readonly path: string; readonly rule: string; readonly message: string }[];
}

export interface BatchResult {
  readonly webhookId: string;
  readonly results: readonly EventOutcome[];
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/**
 * A non-2xx answer, with the service's body. It lives here, the lowest of the
 * e2e clients, so that this module does not import the scenario's (which
 * re-exports it): `error instanceof HttpError` holds for every client.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly request: string,
  ) {
    super(`${request} → ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

/** A partner's system: one signed request per call, a new webhook-id each time (the guide's rule for resends). */
export class PartnerClient {
  constructor(
    readonly gatewayUrl: string,
    readonly partner: string,
    private readonly secret: string,
  ) {}

  static of(gatewayUrl: string, credentials: PartnerCredentials): PartnerClient {
    return new PartnerClient(gatewayUrl, credentials.id, credentials.secret);
  }

  get source(): Source {
    return `partner/${this.partner}` as Source;
  }

  /** POSTs `body` to /partner/v1/events, signed over exactly these bytes; any status is returned, none thrown. */
  async sendSigned(body: string | Buffer, contentType = 'application/json'): Promise<SignedResponse> {
    const webhookId = `msg_${randomUUID().replace(/-/g, '')}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(`${this.gatewayUrl}/partner/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-partner-id': this.partner,
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureOf(this.secret, webhookId, timestamp, body),
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

  /** Like sendSigned, but waits out a 429 or a 503 with Retry-After and resends in a new request, as a partner must (docs/partners.md). */
  async sendSignedPatiently(body: string | Buffer, onThrottled: () => void = () => undefined): Promise<SignedResponse> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.sendSigned(body);
      // A 503 without Retry-After is not the gateway's "at capacity, nothing saved": the fuzz suite sees and counts it as a 5xx.
      const waitable = res.status === 429 || (res.status === 503 && res.retryAfterS !== undefined);
      if (!waitable || attempt >= 6) return res;
      onThrottled();
      await new Promise((r) => setTimeout(r, Math.min(30, Math.max(1, res.retryAfterS ?? 2)) * 1000));
    }
  }

  /**
   * Sends one batch (serialised once: these exact bytes are signed and sent).
   * Any non-2xx answer throws an HttpError with the gateway's body, a 429
   * included: callers decide how to wait (the fault suite's producers count
   * and pace their retries themselves).
   */
  async send(events: readonly unknown[]): Promise<BatchResult> {
    const res = await this.sendSigned(JSON.stringify({ events }));
    if (res.status < 200 || res.status >= 300) throw new HttpError(res.status, res.body, `partner-gateway POST /partner/v1/events (${this.partner})`);
    return res.body as BatchResult;
  }
}
