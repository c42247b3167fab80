import { ConfigError } from '@tjc/runtime';
import { loadServiceConfig } from './config';

const base = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tjc_research', KAFKA_BROKERS: '127.0.0.1:9092', AUTH_DEV_SECRET: 'x'.repeat(40) };

describe('loadServiceConfig', () => {
  it('defaults the port to 3101 and the pass score to 70', () => {
    const config = loadServiceConfig(base);
    expect(config.PORT).toBe(3101);
    expect(config.review.passScore).toBe(70);
    expect(config.auth).toMatchObject({ audience: 'tjc-platform', dev: { issuer: 'tjc-dev-issuer' } });
  });

  it('names every broken variable at once', () => {
    let error: unknown;
    try {
      loadServiceConfig({ KAFKA_BROKERS: '127.0.0.1:9092', REVIEW_PASS_SCORE: '120' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('REVIEW_PASS_SCORE');
    expect(problems).toContain('AUTH_OIDC_ISSUER');
  });
});
