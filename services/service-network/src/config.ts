import { AuthEnv, authConfigFrom, type AuthConfig } from '@tjc/auth';
import { z } from 'zod';
import { CommonEnv, ConfigError, loadConfig } from '@tjc/runtime';

const ServiceEnv = CommonEnv.extend({
  // Not envPort(3103): that refuses 0, and 0 ("any free port") is what the
  // integration-test harness passes. See the report on @tjc/runtime's envPort.
  PORT: z.coerce.number().int().min(0).max(65535).default(3103),
});

export type ServiceConfig = ReturnType<typeof ServiceEnv.parse> & { readonly auth: AuthConfig };

/**
 * Parses the environment once, at boot. The common runtime variables and the
 * auth variables are separate schemas (AuthEnv carries a cross-field rule, so
 * it cannot simply be merged into CommonEnv); both are parsed and their
 * problems reported together, so one start-up names every broken variable.
 */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const problems: string[] = [];
  const attempt = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const base = attempt(() => loadConfig(ServiceEnv, (e) => e, env));
  const auth = attempt(() => loadConfig(AuthEnv, authConfigFrom, env));
  if (base === undefined || auth === undefined) throw new ConfigError(problems);
  return { ...base, auth };
}
