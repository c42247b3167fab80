/**
 * A partner system's side of the gateway (docs/partners.md, section 3):
 * Standard Webhooks signing over the exact bytes sent.
 *
 *   signed content = `${webhook-id}.${webhook-timestamp}.${body}`
 *   signature      = `v1,` + base64(HMAC-SHA256(base64-decode(secret without "whsec_"), content))
 */
import { createHmac, randomUUID } from 'node:crypto';
import { ApiError } from './http-client';

export function signatureOf(secret: string, webhookId: string, timestamp: number | string, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64')}`;
}

export interface EventOutcome {
  readonly index: number;
  readonly id: string | null;
  readonly status: 'accepted' | 'duplicate' | 'rejected';
  readonly issues?: readonly { readonly path: string; readonly rule: string; readonly message: string }[];
  readonly quarantineId?: string;
}

export interface BatchResult {
  readonly webhookId: string;
  readonly results: readonly EventOutcome[];
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

export class PartnerClient {
  constructor(
    private readonly baseUrl: string,
    readonly partner: string,
    private readonly secret: string,
  ) {}

  get source(): string {
    return `partner/${this.partner}`;
  }

  /**
   * Sends one signed batch. `webhookId` is new per request unless given (the
   * demo reuses one on purpose to show the replay guard). 429/503 are retried
   * in a NEW request after Retry-After, as the partner guide says.
   */
  async send(events: readonly unknown[], options: { webhookId?: string } = {}): Promise<BatchResult> {
    const body = JSON.stringify({ events }); // serialised once: these bytes are signed and sent
    for (let attempt = 1; ; attempt++) {
      const webhookId = options.webhookId ?? `msg_${randomUUID().replace(/-/g, '')}`;
      const timestamp = Math.floor(Date.now() / 1000);
      const label = `partner-gateway POST /partner/v1/events (${this.partner}, ${webhookId})`;
      let res: Response;
      try {
        res = await fetch(`${this.baseUrl}/partner/v1/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-partner-id': this.partner,
            'webhook-id': webhookId,
            'webhook-timestamp': String(timestamp),
            'webhook-signature': signatureOf(this.secret, webhookId, timestamp, body),
          },
          body,
        });
      } catch (error) {
        if (attempt >= 10) throw new Error(`${label}: ${(error as Error).message}`, { cause: error });
        await new Promise((r) => setTimeout(r, 500 * attempt));
        continue;
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      if ((res.status === 429 || res.status === 503) && attempt < 5 && options.webhookId === undefined) {
        const wait = Number(res.headers.get('retry-after') ?? '2');
        await new Promise((r) => setTimeout(r, Math.min(30, Math.max(1, wait)) * 1000));
        continue;
      }
      if (!res.ok) throw new ApiError(res.status, parsed, label);
      return parsed as BatchResult;
    }
  }
}
