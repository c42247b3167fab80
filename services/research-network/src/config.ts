import { z } from 'zod';
import { AuthEnv, authConfigFrom, type AuthConfig } from '@tjc/auth';
import { CommonEnv, ConfigError, envPort, loadConfig } from '@tjc/runtime';

/** Environment of the research network service, on top of what every service reads. */
const ResearchEnv = CommonEnv.extend({
  PORT: envPort(3101),
  /**
   * Average expert score (0–100) a project needs to pass screening. The
   * plan leaves the bar to the center, so it is configuration, not code.
   */
  REVIEW_PASS_SCORE: z.coerce.number().min(0).max(100).default(70),
});

export type ResearchConfig = z.output<typeof ResearchEnv> & {
  readonly auth: AuthConfig;
  readonly review: { readonly passScore: number };
};

/**
 * Parses the environment once, at boot. Both schemas are checked before
 * failing, so one start-up error names every broken variable at once.
 */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): ResearchConfig {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (error) {
      if (error instanceof ConfigError) {
        problems.push(...error.problems);
        return undefined;
      }
      throw error;
    }
  };
  const service = attempt(() => loadConfig(ResearchEnv, (e) => e, env));
  const auth = attempt(() => loadConfig(AuthEnv, (e) => e, env));
  if (!service || !auth) throw new ConfigError(problems);
  return { ...service, auth: authConfigFrom(auth), review: { passScore: service.REVIEW_PASS_SCORE } };
}
