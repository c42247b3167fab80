import { useQuery } from '@tanstack/react-query';

export interface ConsoleConfig {
  readonly jaegerUrl: string;
  readonly devLogin: boolean;
  readonly oidcIssuer: string | null;
}

const FALLBACK: ConsoleConfig = { jaegerUrl: 'http://127.0.0.1:16686', devLogin: false, oidcIssuer: null };

/** The console server's public settings (GET /config.json). */
export function useConsoleConfig(): ConsoleConfig {
  const { data } = useQuery({
    queryKey: ['console-config'],
    queryFn: async (): Promise<ConsoleConfig> => {
      const res = await fetch('/config.json');
      return res.ok ? ((await res.json()) as ConsoleConfig) : FALLBACK;
    },
    staleTime: Infinity,
  });
  return data ?? FALLBACK;
}
