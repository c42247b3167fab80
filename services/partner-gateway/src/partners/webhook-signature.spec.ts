import { randomBytes } from 'node:crypto';
import { checkTimestamp, signatureOf, verifySignature } from './webhook-signature';

// The published Standard Webhooks test vector: a partner using any of its
// reference libraries must produce (and we must accept) exactly this.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const other = () => `whsec_${randomBytes(32).toString('base64')}`;

describe('webhook signature (Standard Webhooks)', () => {
  it('reproduces the published test vector', () => {
    expect(signatureOf(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(signatureOf(VECTOR.secret, VECTOR.id, VECTOR.timestamp, Buffer.from(VECTOR.body))).toBe(VECTOR.signature);
  });

  it('accepts the vector, also among several entries and unknown versions', () => {
    expect(verifySignature([VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body, VECTOR.signature)).toBe(true);
    expect(verifySignature([VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body, `v1,bm9wZQ== v1a,xyz ${VECTOR.signature}`)).toBe(true);
  });

  it('accepts either secret during a rotation', () => {
    const newSecret = other();
    expect(verifySignature([newSecret, VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body, VECTOR.signature)).toBe(true);
    const signedWithNew = signatureOf(newSecret, VECTOR.id, VECTOR.timestamp, VECTOR.body);
    expect(verifySignature([newSecret, VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body, signedWithNew)).toBe(true);
  });

  it.each([
    ['another secret', { secrets: [other()] }],
    ['a tampered body', { body: '{"test": 2432232315}' }],
    ['another webhook-id', { id: 'msg_other' }],
    ['another timestamp', { timestamp: VECTOR.timestamp + 1 }],
  ])('refuses %s', (_what, change: Partial<{ secrets: string[]; body: string; id: string; timestamp: number }>) => {
    expect(verifySignature(change.secrets ?? [VECTOR.secret], change.id ?? VECTOR.id, change.timestamp ?? VECTOR.timestamp, change.body ?? VECTOR.body, VECTOR.signature)).toBe(false);
  });

  it.each([[''], ['v1,'], ['v1,not base64!'], ['v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='], [VECTOR.signature.slice(0, -4)], ['g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=']])('refuses the malformed header %j without throwing', (header) => {
    expect(verifySignature([VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body, header)).toBe(false);
  });
});

describe('timestamp window', () => {
  const now = 1_700_000_000_000;
  const at = (offsetS: number) => String(now / 1000 + offsetS);

  it.each([0, -300, 300, -1, 1])('accepts %is of skew', (skew) => {
    expect(checkTimestamp(at(skew), now, 300)).toEqual({ ok: true, timestamp: now / 1000 + skew });
  });
  it('refuses a timestamp more than 5 minutes old', () => {
    expect(checkTimestamp(at(-301), now, 300)).toEqual({ ok: false, reason: expect.stringContaining('301s old') });
  });
  it('refuses a timestamp more than 5 minutes in the future', () => {
    expect(checkTimestamp(at(301), now, 300)).toEqual({ ok: false, reason: expect.stringContaining('301s in the future') });
  });
  it.each([['abc'], [''], ['1.5'], ['-1'], ['1e9'], ['99999999999999']])('refuses the non-timestamp %j', (value) => {
    expect(checkTimestamp(value, now, 300).ok).toBe(false);
  });
});
