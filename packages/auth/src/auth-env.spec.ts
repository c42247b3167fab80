/** The auth variables' rules, parsed as a service parses them at boot. Real: zod. */
import { AuthEnv, authConfigFrom } from './auth-env';

const secret = 'd'.repeat(40);
const problems = (env: Record<string, string>) => {
  const r = AuthEnv.safeParse(env);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('AuthEnv', () => {
  it('needs an OIDC provider or a development secret', () => {
    expect(problems({})).toEqual(['AUTH_OIDC_ISSUER: set AUTH_OIDC_ISSUER (OIDC provider) or AUTH_DEV_SECRET (development issuer)']);
  });
  it('refuses a JWKS URL without the issuer it signs for', () => {
    expect(problems({ AUTH_DEV_SECRET: secret, AUTH_JWKS_URL: 'http://idp/jwks' })).toEqual(['AUTH_JWKS_URL: AUTH_JWKS_URL needs AUTH_OIDC_ISSUER (the issuer its keys sign for)']);
  });
  it('refuses a development issuer named like the provider', () => {
    expect(problems({ AUTH_DEV_SECRET: secret, AUTH_OIDC_ISSUER: 'http://idp', AUTH_DEV_ISSUER: 'http://idp' })).toEqual(['AUTH_DEV_ISSUER: must differ from AUTH_OIDC_ISSUER']);
  });
  it('maps both issuers into the verifier config', () => {
    expect(authConfigFrom(AuthEnv.parse({ AUTH_DEV_SECRET: secret, AUTH_OIDC_ISSUER: 'http://127.0.0.1:3107' }))).toEqual({
      audience: 'tjc-platform',
      oidc: { issuer: 'http://127.0.0.1:3107' },
      dev: { issuer: 'tjc-dev-issuer', secret },
    });
  });
});
