import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { PrincipalSchema, type Principal } from './principal';

export interface AuthConfig {
  /** Expected `iss`. */
  readonly issuer: string;
  /** Expected `aud`. */
  readonly audience: string;
  /** Production: the OIDC provider's JWKS (RS256/ES256 keys). */
  readonly jwksUrl?: string;
  /** Development: an HS256 shared secret for the local development issuer. */
  readonly devSecret?: string;
}

export class AuthenticationError extends Error {}

/**
 * Verifies bearer tokens: signature (JWKS of the OIDC provider, or the
 * development issuer's HS256 secret), issuer, audience, expiry, and the
 * platform claims (roles, network). Never trusts an unsigned or `alg: none` token.
 */
export class TokenVerifier {
  private readonly jwks?: JWTVerifyGetKey;
  private readonly secret?: Uint8Array;

  constructor(private readonly config: AuthConfig) {
    if (!config.jwksUrl && !config.devSecret) throw new Error('auth: set AUTH_JWKS_URL (OIDC) or AUTH_DEV_SECRET (development issuer)');
    if (config.jwksUrl) this.jwks = createRemoteJWKSet(new URL(config.jwksUrl));
    if (config.devSecret) this.secret = new TextEncoder().encode(config.devSecret);
  }

  async verify(token: string): Promise<Principal> {
    try {
      const options = { issuer: this.config.issuer, audience: this.config.audience, clockTolerance: 30 };
      const { payload } = this.jwks
        ? await jwtVerify(token, this.jwks, { ...options, algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'] })
        : await jwtVerify(token, this.secret!, { ...options, algorithms: ['HS256'] });
      const principal = PrincipalSchema.safeParse({ sub: payload.sub, name: payload['name'], roles: payload['roles'], network: payload['network'] });
      if (!principal.success) throw new AuthenticationError(`token claims: ${principal.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return principal.data;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError((error as Error).message);
    }
  }
}

/** The local development issuer: signs tokens with the shared HS256 secret. */
export async function issueDevToken(config: Required<Pick<AuthConfig, 'issuer' | 'audience' | 'devSecret'>>, principal: Principal, ttlSeconds = 8 * 3600): Promise<string> {
  return new SignJWT({ name: principal.name, roles: principal.roles, ...(principal.network && { network: principal.network }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(config.devSecret));
}
