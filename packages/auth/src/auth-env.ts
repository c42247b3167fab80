import { z } from 'zod';
import type { AuthConfig } from './token-verifier';

/** Environment variables of authentication, shared by every service. */
export const AuthEnv = z
  .object({
    AUTH_ISSUER: z.string().min(1).default('tjc-dev-issuer'),
    AUTH_AUDIENCE: z.string().min(1).default('tjc-platform'),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_DEV_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  })
  .refine((e) => e.AUTH_JWKS_URL !== undefined || e.AUTH_DEV_SECRET !== undefined, { message: 'set AUTH_JWKS_URL (OIDC provider) or AUTH_DEV_SECRET (development issuer)', path: ['AUTH_JWKS_URL'] });

export function authConfigFrom(env: z.output<typeof AuthEnv>): AuthConfig {
  return {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    ...(env.AUTH_JWKS_URL !== undefined && { jwksUrl: env.AUTH_JWKS_URL }),
    ...(env.AUTH_DEV_SECRET !== undefined && { devSecret: env.AUTH_DEV_SECRET }),
  };
}
