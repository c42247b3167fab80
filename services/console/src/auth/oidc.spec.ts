/**
 * The console's half of authorization code + PKCE. Real: WebCrypto, URL
 * handling, the checks. Faked: the provider (a fetch answering discovery and
 * the token endpoint) — the real provider is exercised in the browser test
 * e2e/console/oidc.e2e.ts and in infra/oidc/test.
 */
import { describe, expect, it } from 'vitest';
import { checkIdToken, codeChallenge, completeSignIn, endSessionUrl, OidcError, safeReturnTo, startSignIn } from './oidc';

const ISSUER = 'http://127.0.0.1:3107';
const settings = { issuer: ISSUER, clientId: 'tjc-console', scope: 'openid profile platform' };
const REDIRECT = 'http://127.0.0.1:3100/auth/callback';
const jwt = (claims: object) => `h.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.s`;

function memoryStore() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), size: () => m.size };
}

/** A provider: discovery, and a token endpoint that checks the verifier against the challenge it was sent. */
function provider(opts: { tokenStatus?: number; idClaims?: (nonce: string) => object; discoveryIssuer?: string } = {}) {
  let challenge = '';
  let nonce = '';
  const calls: string[] = [];
  const fetchFn = async (input: string, init?: RequestInit): Promise<Response> => {
    calls.push(input);
    if (input.endsWith('/.well-known/openid-configuration')) {
      return Response.json({ issuer: opts.discoveryIssuer ?? ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`, end_session_endpoint: `${ISSUER}/session/end` });
    }
    if (input === `${ISSUER}/token`) {
      const form = new URLSearchParams(String(init?.body));
      if ((await codeChallenge(form.get('code_verifier') ?? '')) !== challenge) return Response.json({ error: 'invalid_grant', error_description: 'PKCE verification failed' }, { status: 400 });
      if (opts.tokenStatus) return Response.json({ error: 'invalid_grant', error_description: 'grant request is invalid' }, { status: opts.tokenStatus });
      const id = opts.idClaims?.(nonce) ?? { iss: ISSUER, aud: 'tjc-console', nonce, exp: Date.now() / 1000 + 600 };
      return Response.json({ access_token: jwt({ sub: 'zhang.wei' }), id_token: jwt(id), token_type: 'Bearer' });
    }
    return new Response('not found', { status: 404 });
  };
  return {
    fetchFn,
    calls,
    /** Reads what the console sent to /auth, as the provider would. */
    authorize(url: string) {
      const u = new URL(url);
      challenge = u.searchParams.get('code_challenge') ?? '';
      nonce = u.searchParams.get('nonce') ?? '';
      return u;
    },
  };
}

async function roundTrip(p: ReturnType<typeof provider>, store = memoryStore(), tamper: (q: URLSearchParams) => void = () => undefined) {
  const url = p.authorize(await startSignIn(settings, REDIRECT, '/research?tab=board', store, p.fetchFn));
  const answer = new URLSearchParams({ code: 'c-1', state: url.searchParams.get('state') ?? '', iss: ISSUER });
  tamper(answer);
  return completeSignIn(answer, settings, REDIRECT, store, p.fetchFn);
}

describe('OIDC sign-in (authorization code + PKCE)', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('sends the browser to the provider with S256 PKCE, state and nonce', async () => {
    const p = provider();
    const url = p.authorize(await startSignIn(settings, REDIRECT, '/kpi', memoryStore(), p.fetchFn));
    expect(url.origin + url.pathname).toBe(`${ISSUER}/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: 'tjc-console', response_type: 'code', redirect_uri: REDIRECT, scope: 'openid profile platform', code_challenge_method: 'S256' });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).not.toBe(url.searchParams.get('nonce'));
  });

  it('completes: exchanges the code with the verifier and returns the tokens and where to go', async () => {
    const p = provider();
    const store = memoryStore();
    const done = await roundTrip(p, store);
    expect(done.returnTo).toBe('/research?tab=board');
    expect(done.accessToken).toContain('.');
    expect(done.endSession?.url).toBe(`${ISSUER}/session/end`);
    expect(store.size()).toBe(0);
  });

  it('refuses an answer with another state, and consumes the pending sign-in', async () => {
    const store = memoryStore();
    await expect(roundTrip(provider(), store, (q) => q.set('state', 'forged'))).rejects.toMatchObject({ code: 'state_mismatch' });
    expect(store.size()).toBe(0);
  });

  it('refuses an answer naming another provider (RFC 9207 mix-up)', async () => {
    await expect(roundTrip(provider(), memoryStore(), (q) => q.set('iss', 'https://idp.evil.example'))).rejects.toMatchObject({ code: 'issuer_mismatch' });
  });

  it('reports the provider\'s error (e.g. the user cancelled)', async () => {
    await expect(roundTrip(provider(), memoryStore(), (q) => { q.set('error', 'access_denied'); q.set('error_description', 'End-User aborted interaction'); })).rejects.toThrow('End-User aborted interaction');
  });

  it('refuses a callback nobody started here (no pending sign-in)', async () => {
    const p = provider();
    await expect(completeSignIn(new URLSearchParams({ code: 'c', state: 's' }), settings, REDIRECT, memoryStore(), p.fetchFn)).rejects.toMatchObject({ code: 'no_pending_sign_in' });
  });

  it('refuses an id_token for another sign-in (nonce) or another client', async () => {
    await expect(roundTrip(provider({ idClaims: () => ({ iss: ISSUER, aud: 'tjc-console', nonce: 'other', exp: Date.now() / 1000 + 600 }) }))).rejects.toMatchObject({ code: 'bad_id_token' });
    expect(() => checkIdToken(jwt({ iss: ISSUER, aud: 'someone-else', nonce: 'n', exp: 2e9 }), { issuer: ISSUER, clientId: 'tjc-console', nonce: 'n' })).toThrow(OidcError);
  });

  it('passes on the token endpoint\'s refusal', async () => {
    await expect(roundTrip(provider({ tokenStatus: 400 }))).rejects.toMatchObject({ code: 'invalid_grant' });
  });

  it('refuses a discovery document that names another issuer', async () => {
    await expect(startSignIn(settings, REDIRECT, '/', memoryStore(), provider({ discoveryIssuer: 'https://other' }).fetchFn)).rejects.toMatchObject({ code: 'issuer_mismatch' });
  });

  it('never returns to another origin after sign-in', () => {
    expect(safeReturnTo('//evil.example/x')).toBe('/');
    expect(safeReturnTo('https://evil.example')).toBe('/');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('/fund?tab=grants')).toBe('/fund?tab=grants');
  });

  it('builds the provider logout URL with the id_token hint and the way back', () => {
    const u = new URL(endSessionUrl({ url: `${ISSUER}/session/end`, clientId: 'tjc-console', idToken: 'id.t.k' }, 'http://127.0.0.1:3100/login'));
    expect(Object.fromEntries(u.searchParams)).toEqual({ id_token_hint: 'id.t.k', client_id: 'tjc-console', post_logout_redirect_uri: 'http://127.0.0.1:3100/login' });
  });
});
