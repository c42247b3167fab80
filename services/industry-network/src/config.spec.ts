import { ConfigError } from '@tjc/runtime';
import { loadServiceConfig } from './config';

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tjc_industry', KAFKA_BROKERS: '127.0.0.1:9092', AUTH_DEV_SECRET: 'x'.repeat(40) };

describe('loadServiceConfig', () => {
  it('defaults the port to 3102 and maps the auth settings', () => {
    const config = loadServiceConfig(base);
    expect(config.PORT).toBe(3102);
    expect(config.auth).toMatchObject({ audience: 'tjc-platform', dev: { issuer: 'tjc-dev-issuer', secret: 'x'.repeat(40) } });
    expect(config.auth).not.toHaveProperty('oidc');
  });

  it('fails naming every broken variable at once', () => {
    let error: unknown;
    try {
      loadServiceConfig({ KAFKA_BROKERS: 'no-port', PORT: '70000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(names).toEqual(expect.arrayContaining(['DATABASE_URL', 'KAFKA_BROKERS.0', 'PORT']));
  });

  it('needs an OIDC provider or a development secret', () => {
    expect(() => loadServiceConfig({ ...base, AUTH_DEV_SECRET: undefined })).toThrow(/AUTH_OIDC_ISSUER/);
  });
});
