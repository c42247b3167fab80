import { buildEvent, CATALOGUE } from '@tjc/contracts';
import { buildGrants } from '../../partners/grants';
import { PARTNER_IDS } from '../../partners/partner';
import { isUnstorable } from '@tjc/runtime';
import { classifyEvent, decodeBatch } from './receive-batch.command';

const limits = { maxBodyBytes: 4096, maxEvents: 3, maxJsonDepth: 8, timestampToleranceS: 300, maxFutureS: 300 };
const { grants } = buildGrants(PARTNER_IDS);
const hebei = { id: 'hebei-center', source: 'partner/hebei-center' } as const;
const listed = (id = 'ach-hb-2024-003') => buildEvent('research.achievement.listed.v1', { ...CATALOGUE['research.achievement.listed.v1'].examples[0], achievementId: id }, { source: 'partner/hebei-center', time: '2024-06-01T10:00:00+08:00' });
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeBatch', () => {
  it('returns the events of a well-formed batch', () => {
    expect(decodeBatch(json({ events: [1, 2] }), limits)).toEqual({ ok: true, events: [1, 2] });
  });
  it.each([
    ['a body over the limit', Buffer.alloc(4097, 0x20), 413, 'body_too_large'],
    ['nesting deeper than the limit', Buffer.from(`{"events":[${'['.repeat(8)}${']'.repeat(8)}]}`), 400, 'too_deep'],
    ['text that is not JSON', Buffer.from('{"events": [ {"id": '), 400, 'invalid_json'],
    ['a top-level array', json([{}]), 400, 'invalid_batch'],
    ['no events array', json({ event: {} }), 400, 'invalid_batch'],
    ['an empty batch', json({ events: [] }), 400, 'invalid_batch'],
    ['too many events', json({ events: [{}, {}, {}, {}] }), 413, 'too_many_events'],
  ])('refuses %s (%i %s)', (_what, body, status, kind) => {
    expect(decodeBatch(body, limits)).toMatchObject({ ok: false, status, kind });
  });
  it('accepts nesting exactly at the limit', () => {
    expect(decodeBatch(Buffer.from(`{"events":[${'['.repeat(6)}${']'.repeat(6)}]}`), limits).ok).toBe(true);
  });
});

describe('decodeBatch of bytes that are not UTF-8 (#18.16)', () => {
  it('refuses them naming the first bad byte, instead of accepting U+FFFD in their place', () => {
    const body = Buffer.concat([Buffer.from('{"events":[{"title":"天开', 'utf8'), Buffer.from([0xff]), Buffer.from('"}]}', 'utf8')]);
    expect(decodeBatch(body, { ...limits, maxBodyBytes: 1 << 20 })).toEqual({ ok: false, status: 400, kind: 'invalid_json', message: expect.stringContaining('not valid UTF-8 (byte 27)') });
  });
});

describe('decodeBatch of invalid JSON', () => {
  // Found by the fuzz suite: V8's parse error quotes the input — half a surrogate pair, U+0000 — and the message is stored as jsonb (500).
  it.each([['a supplementary character', '\u{7d6a2}x'], ['U+0000', '{"a":"\u0000']])('gives a message PostgreSQL can store for %s', (_name, text) => {
    const decoded = decodeBatch(Buffer.from(text), limits);
    expect(decoded).toMatchObject({ ok: false, status: 400, kind: 'invalid_json' });
    if (decoded.ok) return;
    expect(isUnstorable(decoded.message)).toBe(false);
  });
});

describe('classifyEvent', () => {
  it('accepts a valid event of the partner, as validated by the contracts', () => {
    const event = listed();
    expect(classifyEvent(JSON.parse(JSON.stringify(event)), hebei, grants)).toEqual({ ok: true, event });
  });
  it('refuses a business time after now beyond the allowed skew, naming `time`', () => {
    const nowMs = Date.parse('2024-06-01T10:00:00+08:00');
    const event = listed();
    expect(classifyEvent(event, hebei, grants, { nowMs: nowMs + 299_000, maxFutureS: 0 })).toEqual({ ok: true, event });
    expect(classifyEvent(event, hebei, grants, { nowMs: nowMs - 299_000, maxFutureS: 300 })).toEqual({ ok: true, event });
    expect(classifyEvent(event, hebei, grants, { nowMs: nowMs - 301_000, maxFutureS: 300 })).toEqual({
      ok: false,
      kind: 'invalid_event',
      issues: [expect.objectContaining({ path: 'time', rule: 'not_in_future', message: expect.stringContaining('2024-06-01T10:00:00+08:00') })],
    });
  });
  it('refuses an event carrying another partner’s source as impersonation', () => {
    const event = { ...listed(), source: 'partner/beijing-hq' };
    expect(classifyEvent(event, hebei, grants)).toEqual({ ok: false, kind: 'impersonation', issues: [expect.objectContaining({ path: 'source', rule: 'impersonation' })] });
  });
  it('refuses a platform service’s source as impersonation', () => {
    expect(classifyEvent({ ...listed(), source: 'tjc/research-network' }, hebei, grants)).toMatchObject({ ok: false, kind: 'impersonation' });
  });
  it('refuses a type not granted to the partner', () => {
    const xiongan = { id: 'xiongan-center', source: 'partner/xiongan-center' } as const;
    const investment = buildEvent('fund.investment.made.v1', CATALOGUE['fund.investment.made.v1'].examples[0], { source: 'partner/beijing-hq' });
    expect(classifyEvent({ ...investment, source: 'partner/xiongan-center' }, xiongan, grants)).toEqual({ ok: false, kind: 'not_granted', issues: [expect.objectContaining({ path: 'type', rule: 'not_granted' })] });
  });
  it('names the field path and rule of invalid data', () => {
    const event = listed();
    const broken = { ...event, data: { ...event.data, owner: { ...event.data.owner, region: 'shanghai' }, askingPrice: { amount: '12.345', currency: 'CNY' } } };
    const result = classifyEvent(broken, hebei, grants);
    expect(result).toMatchObject({ ok: false, kind: 'invalid_event' });
    const issues = result.ok ? [] : result.issues.map((i) => `${i.path} ${i.rule}`);
    expect(issues).toEqual(expect.arrayContaining(['data.owner.region invalid_value', 'data.askingPrice.amount invalid_format']));
  });
  // Found by e2e/security/fuzz-gateway.e2e.ts: such events reached the jsonb insert and the gateway answered 500.
  it('refuses a contract-valid event holding U+0000 or an unpaired surrogate, naming the field', () => {
    const withNul = listed();
    expect(classifyEvent({ ...withNul, data: { ...withNul.data, title: '碳纤维\u0000技术' } }, hebei, grants)).toEqual({
      ok: false,
      kind: 'invalid_event',
      issues: [{ path: 'data.title', rule: 'invalid_character', message: expect.any(String) }],
    });
    expect(classifyEvent({ ...withNul, data: { ...withNul.data, summary: '🚀'.slice(0, 1) } }, hebei, grants)).toMatchObject({ ok: false, issues: [{ path: 'data.summary', rule: 'invalid_character' }] });
  });

  it('refuses a non-object entry and an unknown type', () => {
    expect(classifyEvent('hello', hebei, grants)).toMatchObject({ ok: false, kind: 'invalid_event', issues: [{ path: '', rule: 'invalid_type' }] });
    expect(classifyEvent({ ...listed(), type: 'research.unknown.v1' }, hebei, grants)).toMatchObject({ ok: false, kind: 'invalid_event', issues: [{ path: 'type', rule: 'unknown_type' }] });
  });
});

describe('a partner event is of its source’s region (#18.12)', () => {
  it('refuses hebei-center’s event that claims to be Tianjin’s, naming the field and the rule', () => {
    const claimed = { ...listed('ach-hb-region'), region: 'tianjin' };
    expect(classifyEvent(claimed, hebei, grants)).toMatchObject({ ok: false, kind: 'invalid_event', issues: [{ path: 'region', rule: 'region_of_source' }] });
  });
  it('accepts it with its own region', () => {
    expect(classifyEvent(listed('ach-hb-own'), hebei, grants)).toMatchObject({ ok: true });
  });
});
