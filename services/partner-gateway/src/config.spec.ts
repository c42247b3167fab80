import { inspect } from 'node:util';
import { ConfigError } from '@tjc/runtime';
import { loadServiceConfig } from './config';

const SECRET_A = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SECRET_B = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
const base = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/tjc_gateway',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_DEV_SECRET: 'x'.repeat(40),
  PARTNER_SECRETS: JSON.stringify({ 'beijing-hq': [SECRET_A, SECRET_B], 'hebei-center': SECRET_B }),
};

describe('loadServiceConfig', () => {
  it('parses per-partner secrets (one or a rotation pair) and never prints them', () => {
    const config = loadServiceConfig(base);
    expect(config.PORT).toBe(3106);
    expect(config.partners.secrets.get('beijing-hq')?.map((s) => s.reveal())).toEqual([SECRET_A, SECRET_B]);
    expect(config.partners.secrets.get('hebei-center')).toHaveLength(1);
    expect(config.partners.secrets.has('xiongan-center')).toBe(false);
    const printed = `${inspect(config, { depth: 10 })} ${JSON.stringify([...config.partners.secrets.values()])}`;
    expect(printed).not.toContain('MfKQ9r8');
  });

  it.each([
    ['not JSON', { PARTNER_SECRETS: '{beijing' }, 'PARTNER_SECRETS'],
    ['an unknown partner', { PARTNER_SECRETS: JSON.stringify({ 'shanghai-center': [SECRET_A] }) }, 'PARTNER_SECRETS'],
    ['a secret that is not whsec_', { PARTNER_SECRETS: JSON.stringify({ 'beijing-hq': ['password'] }) }, 'PARTNER_SECRETS.beijing-hq'],
    ['a short secret', { PARTNER_SECRETS: JSON.stringify({ 'beijing-hq': ['whsec_c2hvcnQ='] }) }, 'PARTNER_SECRETS.beijing-hq'],
    ['a grant the contracts forbid', { PARTNER_GRANTS: JSON.stringify({ 'xiongan-center': ['fund.investment.made.v1'] }) }, 'PARTNER_GRANTS.xiongan-center'],
  ])('fails at boot on %s, naming the variable but not the secret', (_what, change, name) => {
    let error: unknown;
    try {
      loadServiceConfig({ ...base, ...change });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(name);
    expect((error as ConfigError).message).not.toContain('MfKQ9r8');
    expect((error as ConfigError).message).not.toContain('password');
  });

  it('requires PARTNER_SECRETS', () => {
    const { PARTNER_SECRETS: _omit, ...rest } = base;
    expect(() => loadServiceConfig(rest)).toThrow(/PARTNER_SECRETS/);
  });
});
