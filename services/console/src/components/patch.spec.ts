import { describe, expect, it } from 'vitest';
import { isApiError } from '../api/errors';
import { amountExceeds, assertChanged, patchOf, sameValue, untouchedFields } from './patch';

describe('patchOf', () => {
  const fund = { id: 'fund-1', name: '天开园创业种子基金', manager: '天开集团', size: { amount: '50000000.00', currency: 'CNY' }, establishedOn: null, description: '种子期', version: 3 };

  it('sends only the fields the user changed', () => {
    const sut = patchOf(fund, { name: '天开园创业种子基金', manager: '天津天开发展集团有限公司', size: { amount: '50000000', currency: 'CNY' } });
    expect(sut).toEqual({ manager: '天津天开发展集团有限公司' });
  });
  it('compares amounts by value, not by spelling', () => {
    expect(patchOf(fund, { size: { amount: '50000000.5', currency: 'CNY' } })).toEqual({ size: { amount: '50000000.5', currency: 'CNY' } });
    expect(patchOf(fund, { size: { amount: '50000000.0', currency: 'CNY' } })).toEqual({});
  });
  it('never sends undefined (not edited), and sends null only to clear a value that is set', () => {
    expect(patchOf(fund, { establishedOn: undefined, description: null })).toEqual({ description: null });
    expect(patchOf(fund, { establishedOn: null })).toEqual({});
    expect(patchOf(fund, { establishedOn: '2021-05-10' })).toEqual({ establishedOn: '2021-05-10' });
  });
  it('keeps booleans, including a change to false', () => {
    expect(patchOf({ isKeyEnterprise: true, isChainLeader: false }, { isKeyEnterprise: false, isChainLeader: false })).toEqual({ isKeyEnterprise: false });
  });
  it('leaves malformed amounts to the API (sent as typed)', () => {
    expect(patchOf(fund, { size: { amount: '5e7', currency: 'CNY' } })).toEqual({ size: { amount: '5e7', currency: 'CNY' } });
  });
});

describe('sameValue', () => {
  it('treats null and absent alike', () => expect(sameValue(null, undefined)).toBe(true));
  it('compares lists and objects by content', () => {
    expect(sameValue(['a'], ['a'])).toBe(true);
    expect(sameValue(['a'], ['b'])).toBe(false);
    expect(sameValue('a', null)).toBe(false);
  });
});

describe('assertChanged', () => {
  it('refuses an empty change as the API would: a 400 on the whole body', () => {
    expect(() => assertChanged({ name: 'x' }, 'no change', 'PATCH /x')).not.toThrow();
    try {
      assertChanged({}, '请至少修改一项', 'PATCH /funds/f-1');
      expect.unreachable();
    } catch (error) {
      expect(isApiError(error)).toBe(true);
      expect(isApiError(error) && error.problem).toEqual({ kind: 'validation', status: 400, message: '请至少修改一项', fieldErrors: [{ path: '', rule: 'custom', message: '请至少修改一项' }] });
    }
  });
});

describe('amountExceeds', () => {
  it('compares decimal strings exactly', () => {
    expect(amountExceeds('500000.01', '500000.00')).toBe(true);
    expect(amountExceeds('500000', '500000.00')).toBe(false);
    expect(amountExceeds('99999999999999.99', '100000000000000')).toBe(false);
    expect(amountExceeds(20000001, '20000000')).toBe(true);
  });
  it('says nothing while either side is missing or not a number yet', () => {
    expect(amountExceeds(undefined, '1')).toBe(false);
    expect(amountExceeds('1', undefined)).toBe(false);
    expect(amountExceeds('1.', '0')).toBe(false);
    expect(amountExceeds('abc', '0')).toBe(false);
  });
});

describe('untouchedFields', () => {
  it('takes the reloaded values only where the user has not typed anything', () => {
    const before = { name: '飞腾', industryChain: '信创产业链', isChainLeader: false };
    const after = { name: '飞腾', industryChain: '信创产业链', isChainLeader: true };
    expect(untouchedFields({ name: '飞腾', industryChain: '信创产业链（更新）', isChainLeader: false }, before, after)).toEqual(['isChainLeader']);
  });
  it("keeps the user's edit when both changed the same field", () => {
    expect(untouchedFields({ name: '我的名称' }, { name: '旧名称' }, { name: '他人的名称' })).toEqual([]);
  });
});
