import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { PrincipalSchema, type Principal } from './principal';

/**
 * Who the platform trusts to issue bearer tokens. Each token is routed by its
 * (unverified) `iss` to exactly one trusted issuer and then verified with
 * that issuer's keys and algorithms only, so an HS256 token can never pass as
 * the OIDC provider's and the development secret signs nothing else.
 */
export interface AuthConfig {
  /** Expected `aud` of every token (the OIDC provider's resource/audience for the platform). */
  readonly audience: string;
  /** The OIDC provider (production; also the development provider in infra/oidc). */
  readonly oidc?: {
    /** Its issuer identifier, exactly as in its tokens' `iss`. */
    readonly issuer: string;
    /** Its JWKS; when absent, read from the issuer's discovery document. */
    readonly jwksUrl?: string;
  };
  /** The local development issuer: HS256 tokens signed with a shared secret. */
  readonly dev?: {
    readonly issuer: string;
    readonly secret: string;
  };
}

/** What the development issuer needs to sign (tests, the demo, the console's dev login). */
export interface DevIssuerConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly devSecret: string;
}

/** The verification config of a development issuer alone (unit/integration tests). */
export function devOnlyAuthConfig(dev: DevIssuerConfig): AuthConfig {
  return { audience: dev.audience, dev: { issuer: dev.issuer, secret: dev.devSecret } };
}

export class AuthenticationError extends Error {}

/** Asymmetric algorithms OIDC providers sign with; HS* is never accepted from the provider. */
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

/**
 * Verifies bearer tokens: signature (JWKS of the OIDC provider, or the
 * development issuer's HS256 secret), issuer, audience, expiry, and the
 * platform claims (roles, network). Never trusts an unsigned or `alg: none` token.
 */
export class TokenVerifier {
  private readonly secret?: Uint8Array;
  private jwks: Promise<JWTVerifyGetKey> | undefined;

  constructor(
    private readonly config: AuthConfig,
    private readonly fetchJson: FetchLike = (url) => fetch(url, { signal: AbortSignal.timeout(5000) }),
  ) {
    if (!config.oidc && !config.dev) throw new Error('auth: set AUTH_OIDC_ISSUER (OIDC provider) or AUTH_DEV_SECRET (development issuer)');
    if (config.oidc && config.dev && config.oidc.issuer === config.dev.issuer) throw new Error('auth: the development issuer must not have the OIDC provider\'s issuer name');
    if (config.dev) this.secret = new TextEncoder().encode(config.dev.secret);
  }

  async verify(token: string): Promise<Principal> {
    try {
      const issuer = this.issuerOf(token);
      const options = { issuer, audience: this.config.audience, clockTolerance: 30 };
      const { payload } =
        issuer === this.config.oidc?.issuer
          ? await jwtVerify(token, await this.oidcKeys(), { ...options, algorithms: OIDC_ALGORITHMS })
          : await jwtVerify(token, this.secret!, { ...options, algorithms: ['HS256'] });
      const principal = PrincipalSchema.safeParse({ sub: payload.sub, name: payload['name'], roles: payload['roles'], network: payload['network'] });
      if (!principal.success) throw new AuthenticationError(`token claims: ${principal.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return principal.data;
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      throw new AuthenticationError((error as Error).message);
    }
  }

  /** The token's `iss` if it names a trusted issuer; the signature is checked after, with that issuer's keys. */
  private issuerOf(token: string): string {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw new AuthenticationError('the bearer token is not a JWT');
    }
    if (typeof iss === 'string' && (iss === this.config.oidc?.issuer || iss === this.config.dev?.issuer)) return iss;
    throw new AuthenticationError(`token issuer ${JSON.stringify(iss ?? null)} is not trusted`);
  }

  /** The provider's key set, from AUTH_JWKS_URL or discovery; a failed discovery is retried on the next request. */
  private oidcKeys(): Promise<JWTVerifyGetKey> {
    const oidc = this.config.oidc!;
    this.jwks ??= (async () => {
      if (oidc.jwksUrl) return createRemoteJWKSet(new URL(oidc.jwksUrl));
      const url = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const res = await this.fetchJson(url);
      if (!res.ok) throw new AuthenticationError(`OIDC discovery at ${url} answered ${res.status}`);
      const doc = (await res.json()) as { jwks_uri?: unknown; issuer?: unknown };
      if (doc.issuer !== oidc.issuer) throw new AuthenticationError(`OIDC discovery at ${url} names issuer ${JSON.stringify(doc.issuer)}, not ${oidc.issuer}`);
      if (typeof doc.jwks_uri !== 'string') throw new AuthenticationError(`OIDC discovery at ${url} has no jwks_uri`);
      return createRemoteJWKSet(new URL(doc.jwks_uri));
    })();
    this.jwks.catch(() => (this.jwks = undefined));
    return this.jwks;
  }
}

/** The local development issuer: signs tokens with the shared HS256 secret. */
export async function issueDevToken(config: DevIssuerConfig, principal: Principal, ttlSeconds = 8 * 3600): Promise<string> {
  return new SignJWT({ name: principal.name, roles: principal.roles, ...(principal.network && { network: principal.network }) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(new TextEncoder().encode(config.devSecret));
}
