import { z } from 'zod';
import type { AuthConfig } from './token-verifier';

/**
 * The cross-field rules of the auth variables, exported because services
 * that merge AuthEnv into one schema (`safeExtend`) lose its refinement and
 * must re-apply it.
 */
export function checkAuthEnv(
  e: { AUTH_OIDC_ISSUER?: string | undefined; AUTH_JWKS_URL?: string | undefined; AUTH_DEV_SECRET?: string | undefined; AUTH_DEV_ISSUER: string },
  ctx: z.RefinementCtx,
): void {
  if (e.AUTH_OIDC_ISSUER === undefined && e.AUTH_DEV_SECRET === undefined) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_OIDC_ISSUER'], message: 'set AUTH_OIDC_ISSUER (OIDC provider) or AUTH_DEV_SECRET (development issuer)' });
  }
  if (e.AUTH_JWKS_URL !== undefined && e.AUTH_OIDC_ISSUER === undefined) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_JWKS_URL'], message: 'AUTH_JWKS_URL needs AUTH_OIDC_ISSUER (the issuer its keys sign for)' });
  }
  if (e.AUTH_OIDC_ISSUER !== undefined && e.AUTH_OIDC_ISSUER === e.AUTH_DEV_ISSUER) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_DEV_ISSUER'], message: 'must differ from AUTH_OIDC_ISSUER' });
  }
}

/** Environment variables of authentication, shared by every service. */
export const AuthEnv = z
  .object({
    AUTH_AUDIENCE: z.string().min(1).default('tjc-platform'),
    /** The OIDC provider's issuer identifier (its tokens' `iss`). */
    AUTH_OIDC_ISSUER: z.url().optional(),
    /** Its JWKS; default: `jwks_uri` of the issuer's discovery document. */
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_DEV_ISSUER: z.string().min(1).default('tjc-dev-issuer'),
    AUTH_DEV_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  })
  .superRefine(checkAuthEnv);

export function authConfigFrom(env: z.output<typeof AuthEnv>): AuthConfig {
  return {
    audience: env.AUTH_AUDIENCE,
    ...(env.AUTH_OIDC_ISSUER !== undefined && { oidc: { issuer: env.AUTH_OIDC_ISSUER, ...(env.AUTH_JWKS_URL !== undefined && { jwksUrl: env.AUTH_JWKS_URL }) } }),
    ...(env.AUTH_DEV_SECRET !== undefined && { dev: { issuer: env.AUTH_DEV_ISSUER, secret: env.AUTH_DEV_SECRET } }),
  };
}
