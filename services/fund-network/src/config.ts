import { AuthEnv, authConfigFrom, type AuthConfig } from '@tjc/auth';
import { CommonEnv, envPort, loadConfig } from '@tjc/runtime';
import { z } from 'zod';

/**
 * The fund network's own variables on top of the platform's common ones.
 */
export const FundNetworkEnv = CommonEnv.extend({ PORT: envPort(3104) });
export type FundNetworkEnv = z.output<typeof FundNetworkEnv>;

export interface ServiceConfig {
  readonly env: FundNetworkEnv;
  readonly PORT: number;
  readonly auth: AuthConfig;
}

/**
 * Parses the environment once, at boot. Two schemas, parsed separately:
 * AuthEnv carries a cross-field refinement, and zod refuses to `.extend` a
 * refined object; each parse still names every broken variable.
 */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const service = loadConfig(FundNetworkEnv, (e) => e, env);
  const auth = loadConfig(AuthEnv, (e) => authConfigFrom(e), env);
  return { env: service, PORT: service.PORT, auth };
}
