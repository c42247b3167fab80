import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type CryptoKey, type JWTPayload, type JWTVerifyGetKey } from 'jose';
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
  /**
   * The process's NODE_ENV. `production` with a development issuer is refused
   * (the verifier then throws at construction, i.e. at boot). When absent,
   * process.env.NODE_ENV is read, so no construction path can skip the check.
   */
  readonly environment?: 'development' | 'test' | 'production';
  /** Oldest `iat` accepted, in seconds (AUTH_MAX_TOKEN_AGE_S); default 8 hours, the development issuer's longest token. */
  readonly maxTokenAgeSeconds?: number;
  /** Clock skew allowed on `exp`, `nbf` and a future `iat` (AUTH_CLOCK_TOLERANCE_S); default 30 s. */
  readonly clockToleranceSeconds?: number;
  /** How many verified tokens are remembered until they expire (AUTH_TOKEN_CACHE_SIZE); 0 verifies every request. */
  readonly cacheSize?: number;
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

/**
 * A refused token. Its message is written by us, short, and never contains a
 * claim of the token: it reaches the 401 answer and the audit log's denial
 * reason, and a token is attacker-controlled input (issue #18.1).
 */
export class AuthenticationError extends Error {}

/** Asymmetric algorithms OIDC providers sign with; HS* is never accepted from the provider. */
const OIDC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

export const DEFAULT_MAX_TOKEN_AGE_S = 8 * 3600;
export const DEFAULT_CLOCK_TOLERANCE_S = 30;
export const DEFAULT_TOKEN_CACHE_SIZE = 10_000;

type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface TokenVerifierOptions {
  /** Discovery fetch (tests count or fail it). */
  readonly fetchJson?: FetchLike;
  /** Milliseconds since the epoch; tests move it instead of waiting. */
  readonly now?: () => number;
}

interface CachedToken {
  readonly principal: Principal;
  /** Last second (epoch) at which the token still passes both `exp` and the maximum age. */
  readonly validThrough: number;
}

/**
 * jose's messages name the failed check, never a claim's value; ours below
 * do the same. Anything else (a TypeError on odd input) becomes a fixed text.
 */
const JOSE_CODES: Readonly<Record<string, string>> = {
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'signature verification failed',
  ERR_JOSE_ALG_NOT_ALLOWED: 'signing algorithm not allowed for this issuer',
  ERR_JWKS_NO_MATCHING_KEY: 'no key of the issuer matches the token',
  ERR_JWKS_MULTIPLE_MATCHING_KEYS: 'several keys of the issuer match the token',
  ERR_JWKS_TIMEOUT: 'the issuer\'s key set did not answer in time',
  ERR_JWKS_INVALID: 'the issuer\'s key set is invalid',
  ERR_JWS_INVALID: 'the bearer token is not a valid JWS',
  ERR_JWT_INVALID: 'the bearer token is not a valid JWT',
};

function safeMessage(error: unknown): string {
  if (error instanceof AuthenticationError) return error.message;
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_JWT_EXPIRED') return (error as { claim?: unknown }).claim === 'iat' ? 'the token is older than the maximum token age' : 'the token has expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') {
    const claim = (error as { claim?: unknown }).claim;
    const reason = (error as { reason?: unknown }).reason;
    const name = typeof claim === 'string' && /^[a-z]{2,8}$/.test(claim) ? claim : 'a claim';
    if (reason === 'missing') return `the token has no "${name}" claim`;
    if (name === 'iat') return 'the token is issued in the future';
    if (name === 'nbf') return 'the token is not valid yet';
    return `unexpected "${name}" claim`;
  }
  if (typeof code === 'string' && JOSE_CODES[code] !== undefined) return JOSE_CODES[code];
  return 'the token could not be verified';
}

/**
 * Verifies bearer tokens: signature (JWKS of the OIDC provider, or the
 * development issuer's HS256 secret), issuer, audience, `exp`, `iat` (not in
 * the future, not older than the maximum age), `sub`, and the platform claims
 * (roles, network). Never trusts an unsigned or `alg: none` token.
 *
 * A verified token is remembered until it expires (or reaches the maximum
 * age), so the console's token, sent with every request, is verified once
 * and then costs a map lookup (issue #16.5). Only verified tokens enter the
 * cache (it cannot be filled with junk), it is bounded (least recently used
 * leave first), and a cached token is refused the moment its `exp` or its
 * maximum age passes. What this gives up: a key the OIDC provider withdraws
 * keeps verifying the tokens it already signed until they expire (at most
 * their lifetime: one hour for the provider's access tokens).
 */
export class TokenVerifier {
  private readonly secret?: Uint8Array;
  /** The HS256 key, imported once (jose imports a raw Uint8Array key on every call). */
  private hmacKey: Promise<CryptoKey> | undefined;
  private jwks: Promise<JWTVerifyGetKey> | undefined;
  private readonly cache = new Map<string, CachedToken>();
  private readonly fetchJson: FetchLike;
  private readonly now: () => number;
  private readonly maxAge: number;
  private readonly tolerance: number;
  private readonly cacheSize: number;
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly config: AuthConfig,
    options: TokenVerifierOptions = {},
  ) {
    if (!config.oidc && !config.dev) throw new Error('auth: set AUTH_OIDC_ISSUER (OIDC provider) or AUTH_DEV_SECRET (development issuer)');
    if (config.oidc && config.dev && config.oidc.issuer === config.dev.issuer) throw new Error('auth: the development issuer must not have the OIDC provider\'s issuer name');
    if (config.dev && (config.environment ?? process.env['NODE_ENV']) === 'production') {
      throw new Error('auth: the development issuer (AUTH_DEV_SECRET) is not trusted with NODE_ENV=production; remove AUTH_DEV_SECRET and sign in with the OIDC provider');
    }
    if (config.dev) this.secret = new TextEncoder().encode(config.dev.secret);
    this.fetchJson = options.fetchJson ?? ((url) => fetch(url, { signal: AbortSignal.timeout(5000) }));
    this.now = options.now ?? Date.now;
    this.maxAge = config.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_S;
    this.tolerance = config.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_S;
    this.cacheSize = config.cacheSize ?? DEFAULT_TOKEN_CACHE_SIZE;
  }

  /** Cache figures, for tests and /metrics. */
  cacheStats(): { readonly hits: number; readonly misses: number; readonly size: number } {
    return { hits: this.hits, misses: this.misses, size: this.cache.size };
  }

  async verify(token: string): Promise<Principal> {
    const nowS = Math.floor(this.now() / 1000);
    const cached = this.cache.get(token);
    if (cached !== undefined) {
      if (nowS <= cached.validThrough) {
        this.hits += 1;
        // Re-inserted so the map's order is least recently used first.
        this.cache.delete(token);
        this.cache.set(token, cached);
        return cached.principal;
      }
      this.cache.delete(token);
    }
    this.misses += 1;
    try {
      const { principal, payload } = await this.verifyUncached(token);
      this.remember(token, principal, payload);
      return principal;
    } catch (error) {
      throw new AuthenticationError(safeMessage(error));
    }
  }

  private async verifyUncached(token: string): Promise<{ principal: Principal; payload: JWTPayload }> {
    const issuer = this.issuerOf(token);
    const options = {
      issuer,
      audience: this.config.audience,
      clockTolerance: this.tolerance,
      // maxTokenAge also makes jose require `iat` and refuse one in the future beyond the tolerance.
      maxTokenAge: this.maxAge,
      requiredClaims: ['exp', 'iat', 'sub'],
      currentDate: new Date(this.now()),
    };
    const { payload } =
      issuer === this.config.oidc?.issuer
        ? await jwtVerify(token, await this.oidcKeys(), { ...options, algorithms: OIDC_ALGORITHMS })
        : await jwtVerify(token, await this.devKey(), { ...options, algorithms: ['HS256'] });
    const parsed = PrincipalSchema.safeParse({ sub: payload.sub, name: payload['name'], roles: payload['roles'], network: payload['network'] });
    // Path and zod's issue code only: never the claim's value.
    if (!parsed.success) throw new AuthenticationError(`token claims: ${[...new Set(parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'claims'} (${i.code})`))].slice(0, 4).join('; ')}`);
    return { principal: deepFreeze(parsed.data), payload };
  }

  private remember(token: string, principal: Principal, payload: JWTPayload): void {
    if (this.cacheSize <= 0 || typeof payload.exp !== 'number' || typeof payload.iat !== 'number') return;
    // The same inequalities as jose's: valid while exp > now - tolerance and now - iat - tolerance <= maxAge.
    const validThrough = Math.min(Math.ceil(payload.exp + this.tolerance) - 1, Math.floor(payload.iat + this.maxAge + this.tolerance));
    if (this.cache.size >= this.cacheSize) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
    this.cache.set(token, { principal, validThrough });
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
    // The issuer is not named: it is the caller's text, and this message reaches the audit log.
    throw new AuthenticationError(iss === undefined ? 'the token names no issuer' : 'the token\'s issuer is not trusted');
  }

  private devKey(): Promise<CryptoKey> {
    if (this.secret === undefined) return Promise.reject(new AuthenticationError('the development issuer is not configured'));
    this.hmacKey ??= crypto.subtle.importKey('raw', this.secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    return this.hmacKey;
  }

  /** The provider's key set, from AUTH_JWKS_URL or discovery; a failed discovery is retried on the next request. */
  private oidcKeys(): Promise<JWTVerifyGetKey> {
    const oidc = this.config.oidc!;
    this.jwks ??= (async () => {
      if (oidc.jwksUrl) return createRemoteJWKSet(new URL(oidc.jwksUrl));
      const url = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
      const res = await this.fetchJson(url);
      if (!res.ok) throw new AuthenticationError(`OIDC discovery answered ${res.status}`);
      const doc = (await res.json()) as { jwks_uri?: unknown; issuer?: unknown };
      if (doc.issuer !== oidc.issuer) throw new AuthenticationError('OIDC discovery names another issuer');
      if (typeof doc.jwks_uri !== 'string') throw new AuthenticationError('OIDC discovery has no jwks_uri');
      return createRemoteJWKSet(new URL(doc.jwks_uri));
    })();
    this.jwks.catch(() => (this.jwks = undefined));
    return this.jwks;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) Object.freeze(v);
  return Object.freeze(value);
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
