import { z } from 'zod';
import { DEFAULT_CLOCK_TOLERANCE_S, DEFAULT_MAX_TOKEN_AGE_S, DEFAULT_TOKEN_CACHE_SIZE, type AuthConfig } from './token-verifier';

/**
 * The cross-field rules of the auth variables, exported because services
 * that merge AuthEnv into one schema (`safeExtend`) lose its refinement and
 * must re-apply it.
 */
export function checkAuthEnv(
  e: { NODE_ENV?: string | undefined; AUTH_OIDC_ISSUER?: string | undefined; AUTH_JWKS_URL?: string | undefined; AUTH_DEV_SECRET?: string | undefined; AUTH_DEV_ISSUER: string },
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
  // A production process that trusts the development issuer accepts any token
  // whoever holds the shared secret mints (a center admin's included): refuse to boot.
  if (e.NODE_ENV === 'production' && e.AUTH_DEV_SECRET !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['AUTH_DEV_SECRET'], message: 'the development issuer is not allowed with NODE_ENV=production: unset AUTH_DEV_SECRET and use AUTH_OIDC_ISSUER' });
  }
}

/** Environment variables of authentication, shared by every service. */
export const AuthEnv = z
  .object({
    // The same variable and default as the runtime's CommonEnv: read here too so that the
    // production check holds in every service, whichever schema it parses first.
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    AUTH_AUDIENCE: z.string().min(1).default('tjc-platform'),
    /** The OIDC provider's issuer identifier (its tokens' `iss`). */
    AUTH_OIDC_ISSUER: z.url().optional(),
    /** Its JWKS; default: `jwks_uri` of the issuer's discovery document. */
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_DEV_ISSUER: z.string().min(1).default('tjc-dev-issuer'),
    AUTH_DEV_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Oldest token accepted (seconds since its `iat`), whatever its `exp` says. */
    AUTH_MAX_TOKEN_AGE_S: z.coerce.number().int().min(60).default(DEFAULT_MAX_TOKEN_AGE_S),
    /** Clock skew allowed between the issuer and us (exp, nbf, a future iat). */
    AUTH_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(DEFAULT_CLOCK_TOLERANCE_S),
    /** Verified tokens remembered until they expire; 0 verifies every request. */
    AUTH_TOKEN_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(DEFAULT_TOKEN_CACHE_SIZE),
  })
  .superRefine(checkAuthEnv);

export function authConfigFrom(env: z.output<typeof AuthEnv>): AuthConfig {
  return {
    audience: env.AUTH_AUDIENCE,
    environment: env.NODE_ENV,
    maxTokenAgeSeconds: env.AUTH_MAX_TOKEN_AGE_S,
    clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_S,
    cacheSize: env.AUTH_TOKEN_CACHE_SIZE,
    ...(env.AUTH_OIDC_ISSUER !== undefined && { oidc: { issuer: env.AUTH_OIDC_ISSUER, ...(env.AUTH_JWKS_URL !== undefined && { jwksUrl: env.AUTH_JWKS_URL }) } }),
    ...(env.AUTH_DEV_SECRET !== undefined && { dev: { issuer: env.AUTH_DEV_ISSUER, secret: env.AUTH_DEV_SECRET } }),
  };
}
