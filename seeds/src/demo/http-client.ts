/**
 * A small JSON client for the services' public APIs. Errors carry the
 * service's answer (status, field errors), so a failing demo step says
 * exactly which rule it broke.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly request: string,
  ) {
    super(`${request} → ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }
}

export class ApiClient {
  constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const label = `${this.name} ${method} ${path}`;
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
      } catch (error) {
        // A service restarting (or still starting): retry the connection a few times.
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
      // At capacity (503) or over a rate limit (429), a service says when to come back; nothing was saved.
      if ((res.status === 503 || res.status === 429) && attempt < 8) {
        await new Promise((r) => setTimeout(r, 1000 * Math.min(10, Number(res.headers.get('retry-after') ?? '1') || 1)));
        continue;
      }
      if (!res.ok) throw new ApiError(res.status, parsed, label);
      return parsed as T;
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
  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }
}

export async function waitUntilReady(name: string, baseUrl: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} at ${baseUrl} is not ready after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
