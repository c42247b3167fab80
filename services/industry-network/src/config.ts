import { z } from 'zod';
import { AuthEnv, authConfigFrom, type AuthConfig } from '@tjc/auth';
import { CommonEnv, envPort, loadConfig, type CommonEnv as CommonEnvType } from '@tjc/runtime';

/**
 * The industry network's environment, parsed once at boot. `safeExtend`
 * because AuthEnv carries a refinement (JWKS or dev secret), which plain
 * `extend` refuses to copy; one schema means every broken variable is named
 * in one error, not one at a time.
 */
export const IndustryEnv = CommonEnv.safeExtend({ PORT: envPort(3102) })
  .safeExtend(AuthEnv.shape)
  .refine((e) => e.AUTH_JWKS_URL !== undefined || e.AUTH_DEV_SECRET !== undefined, {
    message: 'set AUTH_JWKS_URL (OIDC provider) or AUTH_DEV_SECRET (development issuer)',
    path: ['AUTH_JWKS_URL'],
  });

export type ServiceConfig = CommonEnvType & { readonly PORT: number; readonly auth: AuthConfig };

export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  return loadConfig(IndustryEnv, (e: z.output<typeof IndustryEnv>) => ({ ...e, auth: authConfigFrom(e) }), env);
}
