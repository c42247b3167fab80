import type { ServiceName } from '../../api/client';

/** The services the ops view watches, with the name they report in traces and metrics. */
export const OPS_SERVICES: readonly { readonly key: ServiceName; readonly name: string; readonly port: number }[] = [
  { key: 'research', name: 'research-network', port: 3101 },
  { key: 'industry', name: 'industry-network', port: 3102 },
  { key: 'service', name: 'service-network', port: 3103 },
  { key: 'fund', name: 'fund-network', port: 3104 },
  { key: 'kpi', name: 'kpi', port: 3105 },
  { key: 'gateway', name: 'partner-gateway', port: 3106 },
];

/** @nestjs/terminus readiness body (packages/runtime health.http.controller.ts). */
export interface Readiness {
  readonly status: 'ok' | 'error' | 'shutting_down';
  readonly details?: Readonly<Record<string, { readonly status: 'up' | 'down'; readonly [k: string]: unknown }>>;
}

export interface ConsumerHealth {
  readonly joined?: boolean;
  readonly lag?: number;
  readonly stalled?: boolean;
  readonly lastProgressAt?: number;
  readonly crashed?: string;
  readonly consumer?: string;
}

/** Readiness answers 503 with the same body when a check is down: read it either way. */
export async function fetchReadiness(service: ServiceName): Promise<Readiness | undefined> {
  try {
    const res = await fetch(`/api/${service}/health/ready`, { headers: { accept: 'application/json' } });
    const body: unknown = await res.json();
    return typeof body === 'object' && body !== null && 'status' in body ? (body as Readiness) : undefined;
  } catch {
    return undefined;
  }
}
