import { randomBytes } from 'node:crypto';
import { checkKafkaOrigin } from './kafka-origin';
import { signatureOf } from './webhook-signature';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const other = `whsec_${randomBytes(32).toString('base64')}`;
const value = Buffer.from(JSON.stringify({ id: 'evt-1', source: 'partner/hebei-center', data: { title: '河北成果' } }));
const signed = (s = secret, id = 'evt-1', ts = '1763800000', v: Buffer = value) => ({ 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': signatureOf(s, id, ts, v) });

describe('checkKafkaOrigin', () => {
  it('accepts a message signed with the partner’s secret (also during a rotation)', () => {
    expect(checkKafkaOrigin(signed(), value, 'evt-1', [secret])).toEqual({ ok: true });
    expect(checkKafkaOrigin(signed(), value, 'evt-1', [other, secret])).toEqual({ ok: true });
  });

  it('refuses an unsigned message', () => {
    expect(checkKafkaOrigin({}, value, 'evt-1', [secret])).toMatchObject({ ok: false, kind: 'unsigned', issue: { rule: 'unsigned' } });
  });

  it('refuses a message signed by another partner (impersonation)', () => {
    expect(checkKafkaOrigin(signed(other), value, 'evt-1', [secret])).toMatchObject({ ok: false, kind: 'bad_signature', issue: { rule: 'bad_signature' } });
  });

  it('refuses a changed value under a valid signature of the original', () => {
    const tampered = Buffer.from(value.toString().replace('河北成果', '伪造成果'));
    expect(checkKafkaOrigin(signed(), tampered, 'evt-1', [secret])).toMatchObject({ ok: false, issue: { rule: 'bad_signature' } });
  });

  it('refuses a signature made for another event id', () => {
    expect(checkKafkaOrigin(signed(secret, 'evt-2'), value, 'evt-1', [secret])).toMatchObject({ ok: false, issue: { rule: 'id_mismatch' } });
  });

  it('refuses when the named partner has no secret', () => {
    expect(checkKafkaOrigin(signed(), value, 'evt-1', undefined)).toMatchObject({ ok: false, issue: { rule: 'bad_signature' } });
  });
});
