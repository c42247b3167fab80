/**
 * The callers of the scenario, as the platform sees them: each network's
 * coordinator and a center admin with really signed development tokens
 * (the issuer's secret from AUTH_DEV_SECRET, as ./platform exports it), and
 * the Hebei Center's system signing its batches with its Standard Webhooks
 * secret from PARTNER_SECRETS (docs/partners.md, section 3; ../partner-client.ts).
 */
import { issueDevToken } from '@tjc/auth';
import { HttpError, PartnerClient, partnerCredential } from '../partner-client';
import { platformServices } from '../platform';

// The partner's signing client (and the error every client throws) is shared with the fuzz suite; re-exported for the suites that import the callers from here.
export { HttpError, PartnerClient } from '../partner-client';
export type { BatchResult, EventOutcome } from '../partner-client';

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
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const answer = await parsed(res);
      // A service at capacity answers 503 with Retry-After and saved nothing: a client sends it again, as users' clients do.
      if (res.status === 503 && attempt < 8) {
        await new Promise((r) => setTimeout(r, 1000 * Math.min(10, Number(res.headers.get('retry-after') ?? '1') || 1)));
        continue;
      }
      if (!res.ok) throw new HttpError(res.status, answer, `${this.service} ${method} ${path}`);
      return answer as T;
    }
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
  const issuer = { issuer: process.env['AUTH_DEV_ISSUER'] ?? 'tjc-dev-issuer', audience: process.env['AUTH_AUDIENCE'] ?? 'tjc-platform', devSecret: requiredEnv('AUTH_DEV_SECRET') };
  const coordinator = async (service: string, network: 'research' | 'industry' | 'service' | 'fund', sub: string, name: string) =>
    new ApiClient(service, serviceUrl(service), await issueDevToken(issuer, { sub, name, roles: ['coordinator'], network }));
  return {
    research: await coordinator('research-network', 'research', 'e2e.zhang.wei', '张伟'),
    industry: await coordinator('industry-network', 'industry', 'e2e.li.na', '李娜'),
    service: await coordinator('service-network', 'service', 'e2e.wang.fang', '王芳'),
    fund: await coordinator('fund-network', 'fund', 'e2e.zhao.lei', '赵磊'),
    kpi: new ApiClient('kpi', serviceUrl('kpi'), await issueDevToken(issuer, { sub: 'e2e.chen.jing', name: '陈静', roles: ['center-admin'] })),
    hebei: PartnerClient.of(serviceUrl('partner-gateway'), partnerCredential('hebei-center')),
  };
}
