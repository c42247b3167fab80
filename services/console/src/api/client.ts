import { ApiError, toProblem } from './errors';

/** The services behind the console server's /api/<service>/ prefix. */
export type ServiceName = 'research' | 'industry' | 'service' | 'fund' | 'kpi' | 'gateway';
export const SERVICES: readonly ServiceName[] = ['research', 'industry', 'service', 'fund', 'kpi', 'gateway'];

/** The backend service that owns each network's records. */
export const NETWORK_SERVICE = { research: 'research', industry: 'industry', service: 'service', fund: 'fund' } as const satisfies Record<string, ServiceName>;

type TokenSource = () => string | undefined;
type OnUnauthenticated = () => void;

let tokenSource: TokenSource = () => undefined;
let onUnauthenticated: OnUnauthenticated = () => undefined;

/** Wired once by the session provider: where the bearer token comes from, what to do on 401. */
export function configureApi(source: TokenSource, unauthenticated: OnUnauthenticated): void {
  tokenSource = source;
  onUnauthenticated = unauthenticated;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly limit?: number;
  readonly offset?: number;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
}

async function send(service: ServiceName, method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
  const token = tokenSource();
  const url = `/api/${service}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        accept,
        ...(token && { authorization: `Bearer ${token}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new ApiError({ kind: 'unavailable', status: 0, message: (error as Error).message }, `${method} ${url}`);
  }
  if (!res.ok) {
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const problem = toProblem(res.status, parsed);
    if (problem.kind === 'unauthenticated') onUnauthenticated();
    throw new ApiError(problem, `${method} ${url}`);
  }
  return res;
}

async function jsonOf<T>(res: Response): Promise<T> {
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: async <T>(service: ServiceName, path: string, query?: Query): Promise<T> => jsonOf<T>(await send(service, 'GET', withQuery(path, query))),
  post: async <T>(service: ServiceName, path: string, body: unknown = {}): Promise<T> => jsonOf<T>(await send(service, 'POST', path, body)),
  put: async <T>(service: ServiceName, path: string, body: unknown): Promise<T> => jsonOf<T>(await send(service, 'PUT', path, body)),
  patch: async <T>(service: ServiceName, path: string, body: unknown): Promise<T> => jsonOf<T>(await send(service, 'PATCH', path, body)),
  text: async (service: ServiceName, path: string): Promise<string> => (await send(service, 'GET', path, undefined, 'text/plain')).text(),
  /** Downloads a file answer (report exports) with the user's token, then saves it under `filename`. */
  download: async (service: ServiceName, path: string, filename: string): Promise<void> => {
    const blob = await (await send(service, 'GET', path, undefined, '*/*')).blob();
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  },
};
