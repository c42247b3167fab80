import { z } from 'zod';
import { AuthEnv, authConfigFrom, checkAuthEnv, type AuthConfig } from '@tjc/auth';
import { CommonEnv, envPort, loadConfig, type CommonEnv as CommonEnvType } from '@tjc/runtime';

/**
 * The industry network's environment, parsed once at boot. `safeExtend`
 * because AuthEnv carries a refinement (an OIDC provider or a dev secret), which plain
 * `extend` refuses to copy; one schema means every broken variable is named
 * in one error, not one at a time.
 */
export const IndustryEnv = CommonEnv.safeExtend({ PORT: envPort(3102) })
  .safeExtend(AuthEnv.shape)
  .superRefine(checkAuthEnv);

export type ServiceConfig = CommonEnvType & { readonly PORT: number; readonly auth: AuthConfig };

export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return loadConfig(IndustryEnv, (e: z.output<typeof IndustryEnv>) => ({ ...e, auth: authConfigFrom(e) }), env);
}
