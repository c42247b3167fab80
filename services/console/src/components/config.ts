import { useQuery } from '@tanstack/react-query';
import type { OidcSettings } from '../auth/oidc';
import type { TraceUi } from '../lib/trace';

export interface ConsoleConfig {
  /** Where the 追踪 links go: Zipkin (the local stack) or Jaeger (docker-compose). */
  readonly traceUi: TraceUi;
  readonly devLogin: boolean;
  /** The OpenID Provider to sign in with; null when the console has none configured. */
  readonly oidc: OidcSettings | null;
}

const FALLBACK: ConsoleConfig = { traceUi: { kind: 'zipkin', url: 'http://127.0.0.1:9411' }, devLogin: false, oidc: null };

/** The console server's public settings (GET /config.json). */
export function useConsoleConfig(): ConsoleConfig & { readonly loaded: boolean } {
  const { data } = useQuery({
    queryKey: ['console-config'],
    queryFn: async (): Promise<ConsoleConfig> => {
      const res = await fetch('/config.json');
      return res.ok ? ((await res.json()) as ConsoleConfig) : FALLBACK;
    },
    staleTime: Infinity,
  });
  return data ? { ...data, loaded: true } : { ...FALLBACK, loaded: false };
}
