import { AuthEnv, authConfigFrom, type AuthConfig } from '@tjc/auth';
import { CommonEnv, ConfigError, envPort, loadConfig } from '@tjc/runtime';

const ServiceEnv = CommonEnv.extend({
  PORT: envPort(3103),
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
