import { inspect } from 'node:util';
import { z } from 'zod';
import { CommonEnv, ConfigError, envPort, loadConfig, secret } from './load-config';

const Env = CommonEnv.extend({ PORT: envPort(3000), JWT_SECRET: secret() });
const good = { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/research', KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9093', JWT_SECRET: 's3cr3t' };

describe('loadConfig', () => {
  it('maps flat env vars into a typed nested config with defaults', () => {
    const sut = loadConfig(Env, (env) => ({ http: { port: env.PORT }, kafka: { brokers: env.KAFKA_BROKERS }, jwt: env.JWT_SECRET }), good);
    expect(sut.http.port).toBe(3000);
    expect(sut.kafka.brokers).toEqual(['127.0.0.1:9092', '127.0.0.1:9093']);
    expect(sut.jwt.reveal()).toBe('s3cr3t');
  });

  it('never prints a secret', () => {
    const sut = loadConfig(Env, (env) => env, good);
    expect(JSON.stringify(sut)).not.toContain('s3cr3t');
    expect(inspect(sut, { depth: 5 })).not.toContain('s3cr3t');
    expect(`${sut.JWT_SECRET}`).toBe('[redacted]');
  });

  it('fails fast naming every broken variable and the rule', () => {
    let error: unknown;
    try {
      loadConfig(Env, (e) => e, { DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'nohostport', PORT: '70000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('DATABASE_URL: must be a URL with protocol postgres or postgresql');
    expect(message).toMatch(/KAFKA_BROKERS\.0: each broker must be host:port/);
    expect(message).toMatch(/PORT: Too big/);
    expect(message).toMatch(/JWT_SECRET: .*\(not set\)/);
  });

  it('rejects an unknown enum value', () => {
    expect(() => loadConfig(z.object({ LOG_LEVEL: CommonEnv.shape.LOG_LEVEL }), (e) => e, { LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: Invalid option/);
  });
});

describe('CommonEnv: the HTTP surface (#18.8)', () => {
  it('listens on loopback and allows the console\'s origins by default', () => {
    const sut = CommonEnv.parse(good);
    expect(sut.HTTP_HOST).toBe('127.0.0.1');
    expect(sut.CORS_ORIGINS).toEqual(['http://127.0.0.1:3100', 'http://localhost:3100']);
    expect(sut.RATE_LIMIT_MODE).toBe('on');
  });
  it('reads the bind address and the origins, refusing what is not an address or an origin', () => {
    expect(CommonEnv.parse({ ...good, HTTP_HOST: '0.0.0.0', CORS_ORIGINS: 'https://console.tjc.example, http://127.0.0.1:4100' })).toMatchObject({ HTTP_HOST: '0.0.0.0', CORS_ORIGINS: ['https://console.tjc.example', 'http://127.0.0.1:4100'] });
    const r = CommonEnv.safeParse({ ...good, HTTP_HOST: 'everywhere', CORS_ORIGINS: 'https://console.example/app' });
    expect(r.error?.issues.map((i) => i.path[0])).toEqual(['HTTP_HOST', 'CORS_ORIGINS']);
  });
});
