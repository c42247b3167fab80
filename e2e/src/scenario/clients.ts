/**
 * The callers of the scenario, as the platform sees them: each network's
 * coordinator and a center admin with really signed development tokens
 * (the issuer's secret from AUTH_DEV_SECRET, as ./platform exports it), and
 * the Hebei Center's system signing its batches with its Standard Webhooks
 * secret from PARTNER_SECRETS (docs/partners.md, section 3).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { issueDevToken } from '@tjc/auth';
import { platformServices } from '../platform';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly request: string,
  ) {
    super(`${request} → ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

async function parsed(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return text;
  }
}

/** A JSON client for one service, signed in as one caller. Non-2xx answers throw with the service's body. */
export class ApiClient {
  constructor(
    readonly service: string,
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const answer = await parsed(res);
    if (!res.ok) throw new HttpError(res.status, answer, `${this.service} ${method} ${path}`);
    return answer as T;
  }
  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request<T>('POST', path, body);
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: run through ./platform test, or source infra/env.sh with REPO_ROOT set`);
  return value;
}

function serviceUrl(name: string): string {
  const found = platformServices().find((s) => s.name === name);
  if (!found) throw new Error(`${name} is not in infra/services.conf`);
  return found.url;
}

export interface Callers {
  readonly research: ApiClient;
  readonly industry: ApiClient;
  readonly service: ApiClient;
  readonly fund: ApiClient;
  readonly kpi: ApiClient;
  readonly hebei: PartnerClient;
}

export async function signIn(): Promise<Callers> {
  const issuer = { issuer: process.env['AUTH_ISSUER'] ?? 'tjc-dev-issuer', audience: process.env['AUTH_AUDIENCE'] ?? 'tjc-platform', devSecret: requiredEnv('AUTH_DEV_SECRET') };
  const coordinator = async (service: string, network: 'research' | 'industry' | 'service' | 'fund', sub: string, name: string) =>
    new ApiClient(service, serviceUrl(service), await issueDevToken(issuer, { sub, name, roles: ['coordinator'], network }));
  return {
    research: await coordinator('research-network', 'research', 'e2e.zhang.wei', '张伟'),
    industry: await coordinator('industry-network', 'industry', 'e2e.li.na', '李娜'),
    service: await coordinator('service-network', 'service', 'e2e.wang.fang', '王芳'),
    fund: await coordinator('fund-network', 'fund', 'e2e.zhao.lei', '赵磊'),
    kpi: new ApiClient('kpi', serviceUrl('kpi'), await issueDevToken(issuer, { sub: 'e2e.chen.jing', name: '陈静', roles: ['center-admin'] })),
    hebei: new PartnerClient(serviceUrl('partner-gateway'), 'hebei-center', partnerSecret('hebei-center')),
  };
}

/** The newest (first) signing secret of a partner in PARTNER_SECRETS (`{"hebei-center": ["whsec_…"]}` or a single string). */
function partnerSecret(partner: string): string {
  const all = JSON.parse(requiredEnv('PARTNER_SECRETS')) as Record<string, unknown>;
  const entry = all[partner];
  const first = Array.isArray(entry) ? (entry[0] as unknown) : entry;
  if (typeof first !== 'string' || first === '') throw new Error(`PARTNER_SECRETS has no secret for ${partner}`);
  return first;
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

/** A partner's system: one signed request per batch, a new webhook-id each time (the guide's rule for resends). */
export class PartnerClient {
  constructor(
    readonly baseUrl: string,
    readonly partner: string,
    private readonly secret: string,
  ) {}

  get source(): string {
    return `partner/${this.partner}`;
  }

  async send(events: readonly unknown[]): Promise<BatchResult> {
    const body = JSON.stringify({ events }); // serialised once: these exact bytes are signed and sent
    const webhookId = `msg_${randomUUID().replace(/-/g, '')}`;
    const timestamp = Math.floor(Date.now() / 1000);
    const key = Buffer.from(this.secret.replace(/^whsec_/, ''), 'base64');
    const signature = createHmac('sha256', key).update(`${webhookId}.${timestamp}.${body}`).digest('base64');
    const res = await fetch(`${this.baseUrl}/partner/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-partner-id': this.partner,
        'webhook-id': webhookId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': `v1,${signature}`,
      },
      body,
    });
    const answer = await parsed(res);
    if (!res.ok) throw new HttpError(res.status, answer, `partner-gateway POST /partner/v1/events (${this.partner})`);
    return answer as BatchResult;
  }
}
