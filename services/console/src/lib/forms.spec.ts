import { describe, expect, it } from 'vitest';
import type { KpiFilter } from '@tjc/contracts';
import { compact, isMoneyText, isPositiveMoneyText, moneyOf } from './forms';
import { COUNTABLE_EVENT_TYPES, filterOf, KPI_CODE, rowOf, scalarOf, textOf } from '../pages/kpi/targets';

describe('money fields', () => {
  it('accept what the contracts Money accepts, nothing else', () => {
    for (const ok of ['0', '1250000', '1250000.5', '1250000.50', '999999999999999.99']) expect({ ok, valid: isMoneyText(ok) }).toEqual({ ok, valid: true });
    for (const bad of ['', '-1', '01', '1.234', '1e5', '1,000', '1000000000000000']) expect({ bad, valid: isMoneyText(bad) }).toEqual({ bad, valid: false });
  });
  it('tell positive amounts from zero', () => {
    expect(isPositiveMoneyText('0.01')).toBe(true);
    expect(isPositiveMoneyText('0')).toBe(false);
    expect(isPositiveMoneyText('0.00')).toBe(false);
  });
  it('become the API Money without passing through a float', () => {
    expect(moneyOf('12345678901234.57')).toEqual({ amount: '12345678901234.57', currency: 'CNY' });
    expect(moneyOf(undefined)).toBeUndefined();
    expect(moneyOf('')).toBeUndefined();
  });
});

describe('compact', () => {
  it('drops blank optional fields but keeps false and 0', () => {
    expect(compact({ a: undefined, b: '', c: [], d: null, e: false, f: 0, g: 'x' })).toEqual({ e: false, f: 0, g: 'x' });
  });
});

describe('KPI target form', () => {
  it('reads filter values as the typed scalars the counting rule compares', () => {
    expect(scalarOf('true')).toBe(true);
    expect(scalarOf(' 5 ')).toBe(5);
    expect(scalarOf('tianjin')).toBe('tianjin');
    expect(scalarOf('"5"')).toBe('5');
    expect(scalarOf('天津')).toBe('天津');
  });
  it('shows a scalar as text that reads back the same', () => {
    for (const v of ['tianjin', '5', 'true', 5, true, '天开园']) expect(scalarOf(textOf(v))).toBe(v);
  });
  it('turns form rows into the contract filters and back', () => {
    const filters: KpiFilter[] = [
      { path: 'leadEnterprise.isKeyEnterprise', op: 'eq', value: true },
      { path: 'origin.region', op: 'in', values: ['beijing', 'hebei', 'xiongan'] },
      { path: 'projectId', op: 'exists' },
    ];
    for (const f of filters) expect(filterOf(rowOf(f))).toEqual(f);
    expect(filterOf({ path: 'origin.region', op: 'in', values: 'beijing，hebei、 xiongan' })).toEqual(filters[1]);
  });
  it('offers only domain event types, and checks codes as the API path does', () => {
    expect(COUNTABLE_EVENT_TYPES).toContain('service.activity.held.v1');
    expect(COUNTABLE_EVENT_TYPES.some((t) => t.startsWith('center.') || t.startsWith('kpi.'))).toBe(false);
    expect(KPI_CODE.test('achievements-landed')).toBe(true);
    expect(KPI_CODE.test('Achievements')).toBe(false);
    expect(KPI_CODE.test('a')).toBe(false);
  });
});
