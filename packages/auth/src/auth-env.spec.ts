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
  // #18.4: before, NODE_ENV was not looked at and a development center-admin token verified in production.
  it('refuses the development issuer with NODE_ENV=production, naming the variable', () => {
    expect(problems({ NODE_ENV: 'production', AUTH_DEV_SECRET: secret, AUTH_OIDC_ISSUER: 'https://idp.example' })).toEqual([
      'AUTH_DEV_SECRET: the development issuer is not allowed with NODE_ENV=production: unset AUTH_DEV_SECRET and use AUTH_OIDC_ISSUER',
    ]);
    expect(problems({ NODE_ENV: 'production', AUTH_OIDC_ISSUER: 'https://idp.example' })).toEqual([]);
    expect(problems({ NODE_ENV: 'development', AUTH_DEV_SECRET: secret })).toEqual([]);
  });
  it('maps both issuers and the token rules into the verifier config', () => {
    expect(authConfigFrom(AuthEnv.parse({ AUTH_DEV_SECRET: secret, AUTH_OIDC_ISSUER: 'http://127.0.0.1:3107' }))).toEqual({
      audience: 'tjc-platform',
      environment: 'development',
      maxTokenAgeSeconds: 8 * 3600,
      clockToleranceSeconds: 30,
      cacheSize: 10_000,
      oidc: { issuer: 'http://127.0.0.1:3107' },
      dev: { issuer: 'tjc-dev-issuer', secret },
    });
  });
  it('reads the maximum token age, the clock tolerance and the cache size', () => {
    expect(authConfigFrom(AuthEnv.parse({ AUTH_DEV_SECRET: secret, AUTH_MAX_TOKEN_AGE_S: '3600', AUTH_CLOCK_TOLERANCE_S: '5', AUTH_TOKEN_CACHE_SIZE: '0' }))).toMatchObject({ maxTokenAgeSeconds: 3600, clockToleranceSeconds: 5, cacheSize: 0 });
    expect(problems({ AUTH_DEV_SECRET: secret, AUTH_CLOCK_TOLERANCE_S: '3600' })).toEqual([expect.stringMatching(/^AUTH_CLOCK_TOLERANCE_S: /)]);
  });
});
