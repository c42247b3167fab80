/**
 * Sign-in with the center's OpenID Provider: authorization code + PKCE (S256)
 * as a public client, in the browser (OAuth 2.0 for Browser-Based Apps).
 *
 *   login page ── startSignIn ──► provider /auth (state, nonce, code_challenge)
 *   /auth/callback ── completeSignIn ──► state and iss checked ──► POST /token
 *      (code + code_verifier) ──► id_token checked (iss, aud, nonce, exp)
 *      ──► the access token (a JWT for the platform's APIs) becomes the session
 *
 * The access token is what the services verify; the id_token is kept only
 * as the hint for signing out at the provider.
 */

export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

export interface ProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly end_session_endpoint?: string;
}

/** What the console keeps between leaving for the provider and coming back. */
interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly returnTo: string;
  readonly issuer: string;
  readonly createdAt: number;
  /** The provider's endpoints from the discovery made at the start, so the callback need not ask again. */
  readonly tokenEndpoint: string;
  readonly endSessionEndpoint?: string;
}

export interface SignedIn {
  readonly accessToken: string;
  readonly idToken: string;
  readonly returnTo: string;
  /** Where signing out ends the provider's session too. */
  readonly endSession?: { readonly url: string; readonly clientId: string; readonly idToken: string };
}

/** A sign-in that cannot complete; `code` is the provider's OAuth error or the check that failed. */
export class OidcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const PENDING_KEY = 'tjc.console.oidc.pending';
/** A sign-in left unfinished longer than this is not resumed (the provider's interaction lasts 10 minutes). */
const PENDING_TTL_MS = 15 * 60_000;

export function base64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomToken(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636 S256: BASE64URL(SHA-256(ASCII(code_verifier))). */
export async function codeChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** The provider's metadata (OpenID Connect Discovery), refusing a document that names another issuer. */
export async function discover(issuer: string, fetchFn: FetchLike = fetch): Promise<ProviderMetadata> {
  const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (error) {
    throw new OidcError('provider_unreachable', `the identity provider at ${issuer} is not answering (${(error as Error).message})`);
  }
  if (!res.ok) throw new OidcError('provider_unreachable', `the identity provider's discovery document answered ${res.status}`);
  const doc = (await res.json()) as Partial<ProviderMetadata>;
  if (doc.issuer !== issuer) throw new OidcError('issuer_mismatch', `the discovery document names issuer ${String(doc.issuer)}, not ${issuer}`);
  if (typeof doc.authorization_endpoint !== 'string' || typeof doc.token_endpoint !== 'string') throw new OidcError('bad_discovery', 'the discovery document lacks the authorization or token endpoint');
  return doc as ProviderMetadata;
}

/** Prepares the pending sign-in and returns the provider URL to send the browser to. */
export async function startSignIn(settings: OidcSettings, redirectUri: string, returnTo: string, storage: Store = sessionStorage, fetchFn: FetchLike = fetch): Promise<string> {
  const meta = await discover(settings.issuer, fetchFn);
  const pending: PendingSignIn = {
    state: randomToken(),
    nonce: randomToken(),
    verifier: randomToken(32),
    returnTo: safeReturnTo(returnTo),
    issuer: settings.issuer,
    createdAt: Date.now(),
    tokenEndpoint: meta.token_endpoint,
    ...(meta.end_session_endpoint && { endSessionEndpoint: meta.end_session_endpoint }),
  };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(meta.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: settings.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await codeChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.href;
}

/** Only same-origin paths: `//evil.example` or `https://…` would be an open redirect. */
export function safeReturnTo(path: string | null | undefined): string {
  return path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  if (!part) throw new OidcError('bad_id_token', 'the id_token is not a JWT');
  const b64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  try {
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    throw new OidcError('bad_id_token', 'the id_token payload is not JSON');
  }
}

/**
 * The id_token's claims against this sign-in. Its signature is not checked
 * here: it came straight from the token endpoint over the connection the
 * console opened (OpenID Connect Core §3.1.3.7, item 6), and the console
 * makes no security decision from it; the services verify the access token.
 */
export function checkIdToken(idToken: string, expected: { issuer: string; clientId: string; nonce: string }, nowSeconds = Date.now() / 1000): void {
  const c = claimsOf(idToken);
  if (c['iss'] !== expected.issuer) throw new OidcError('bad_id_token', `the id_token was issued by ${String(c['iss'])}, not ${expected.issuer}`);
  const aud = Array.isArray(c['aud']) ? c['aud'] : [c['aud']];
  if (!aud.includes(expected.clientId)) throw new OidcError('bad_id_token', 'the id_token is not for this console');
  if (c['nonce'] !== expected.nonce) throw new OidcError('bad_id_token', 'the id_token does not answer this sign-in (nonce)');
  if (typeof c['exp'] !== 'number' || c['exp'] + 30 < nowSeconds) throw new OidcError('bad_id_token', 'the id_token has expired');
}

/** Finishes the sign-in on /auth/callback. The pending sign-in is consumed whatever the outcome. */
export async function completeSignIn(params: URLSearchParams, settings: OidcSettings, redirectUri: string, storage: Store = sessionStorage, fetchFn: FetchLike = fetch, nowMs = Date.now()): Promise<SignedIn> {
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  const error = params.get('error');
  if (error) throw new OidcError(error, params.get('error_description') ?? error);
  if (!raw) throw new OidcError('no_pending_sign_in', 'this sign-in was not started here, or was already used');
  const pending = JSON.parse(raw) as PendingSignIn;
  if (nowMs - pending.createdAt > PENDING_TTL_MS) throw new OidcError('sign_in_expired', 'the sign-in took too long; start again');
  if (params.get('state') !== pending.state) throw new OidcError('state_mismatch', 'the answer does not belong to this sign-in (state)');
  // RFC 9207: the provider names itself in the answer, so a response from another provider is refused.
  const iss = params.get('iss');
  if (iss !== null && iss !== pending.issuer) throw new OidcError('issuer_mismatch', `the answer came from ${iss}, not ${pending.issuer}`);
  const code = params.get('code');
  if (!code) throw new OidcError('invalid_request', 'the answer carries no authorization code');
  const res = await fetchFn(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: settings.clientId, code_verifier: pending.verifier }).toString(),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; id_token?: string; error?: string; error_description?: string };
  if (!res.ok) throw new OidcError(body.error ?? 'token_error', body.error_description ?? `the token endpoint answered ${res.status}`);
  if (!body.access_token || !body.id_token) throw new OidcError('token_error', 'the token endpoint returned no access token or id_token');
  checkIdToken(body.id_token, { issuer: pending.issuer, clientId: settings.clientId, nonce: pending.nonce }, nowMs / 1000);
  return {
    accessToken: body.access_token,
    idToken: body.id_token,
    returnTo: pending.returnTo,
    ...(pending.endSessionEndpoint && { endSession: { url: pending.endSessionEndpoint, clientId: settings.clientId, idToken: body.id_token } }),
  };
}

/** RP-initiated logout: the provider ends its session and sends the browser back to the login page. */
export function endSessionUrl(endSession: NonNullable<SignedIn['endSession']>, postLogoutRedirectUri: string): string {
  const url = new URL(endSession.url);
  url.search = new URLSearchParams({ id_token_hint: endSession.idToken, client_id: endSession.clientId, post_logout_redirect_uri: postLogoutRedirectUri }).toString();
  return url.href;
}
