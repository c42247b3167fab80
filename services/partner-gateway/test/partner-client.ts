/**
 * Test-side partner: signs requests exactly as docs/partners.md tells a
 * partner to (Standard Webhooks), and sends raw bytes with fetch.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { buildEvent, CATALOGUE, type EventDataInput, type EventType, type PartnerSource, type PlatformEvent } from '@tjc/contracts';
import { signatureOf } from '../src/partners/webhook-signature';

export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export interface SendOptions {
  readonly webhookId?: string;
  /** Unix seconds; default now. */
  readonly timestamp?: number;
  /** Secrets to sign with (one signature entry each); default the partner's first. */
  readonly signWith?: readonly string[];
  readonly signature?: string | null;
  readonly headers?: Record<string, string>;
}

export interface PartnerResponse {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read bodies loosely
  readonly body: any;
  readonly headers: Headers;
}

export class PartnerClient {
  constructor(
    private readonly baseUrl: string,
    readonly partner: string,
    private readonly secrets: readonly string[],
  ) {}

  get source(): PartnerSource {
    return `partner/${this.partner}` as PartnerSource;
  }

  /** Sends `body` (an object is JSON-encoded once; those exact bytes are signed). */
  async send(body: unknown, options: SendOptions = {}): Promise<PartnerResponse> {
    const raw = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const webhookId = options.webhookId ?? `msg_${randomUUID()}`;
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const signature = options.signature === undefined ? (options.signWith ?? [this.secrets[0]!]).map((s) => signatureOf(s, webhookId, timestamp, raw)).join(' ') : options.signature;
    const res = await fetch(`${this.baseUrl}/partner/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-partner-id': this.partner,
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        ...(signature !== null && { 'webhook-signature': signature }),
        ...options.headers,
      },
      body: raw,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** A valid event of this partner, from the contracts' example with a fresh aggregate id. */
  event<T extends EventType>(type: T, change: (data: EventDataInput<T>) => EventDataInput<T> = (d) => d, options: { id?: string; time?: string } = {}): PlatformEvent<T> {
    const example = structuredClone(CATALOGUE[type].examples[0]) as EventDataInput<T>;
    return buildEvent(type, change(example), { source: this.source, time: options.time ?? '2024-06-18T09:30:00+08:00', ...(options.id && { id: options.id }) });
  }
}

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
