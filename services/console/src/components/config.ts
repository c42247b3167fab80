import { useQuery } from '@tanstack/react-query';
import type { OidcSettings } from '../auth/oidc';

export interface ConsoleConfig {
  readonly jaegerUrl: string;
  readonly devLogin: boolean;
  /** The OpenID Provider to sign in with; null when the console has none configured. */
  readonly oidc: OidcSettings | null;
}

const FALLBACK: ConsoleConfig = { jaegerUrl: 'http://127.0.0.1:16686', devLogin: false, oidc: null };

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
