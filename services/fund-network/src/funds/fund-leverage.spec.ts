import { Decimal } from '../shared/money.service';
import { leverageOf, leverageSummary, socialCapitalOf, subFundAmountsProblem } from './fund-leverage.service';

const d = (s: string) => new Decimal(s);

describe('leverage of social capital (撬动社会资本)', () => {
  it('is (sub-fund size − own contribution) / own contribution', () => {
    // 天开园创业种子基金 puts 2,000 万 into a 1 亿 sub-fund: 8,000 万 social capital, leverage 4.
    expect(leverageOf({ size: d('100000000.00'), ownContribution: d('20000000.00') }).toFixed(4)).toBe('4.0000');
  });

  it('is computed in exact decimals, not floats', () => {
    // As floats, (0.3 - 0.1) / 0.1 = 1.9999999999999998; in decimals it is exactly 2.
    expect(leverageOf({ size: d('0.30'), ownContribution: d('0.10') }).toFixed(4)).toBe('2.0000');
    expect(socialCapitalOf({ size: d('10000000.30'), ownContribution: d('0.10') }).toFixed(2)).toBe('10000000.20');
  });

  it('rounds half-up to 4 places only at the end', () => {
    // 2/3 = 0.666666… → 0.6667; 1/8 = 0.125 exactly.
    expect(leverageOf({ size: d('5.00'), ownContribution: d('3.00') }).toFixed(4)).toBe('0.6667');
    expect(leverageOf({ size: d('9.00'), ownContribution: d('8.00') }).toFixed(4)).toBe('0.1250');
  });

  it('keeps precision at the largest sizes the columns hold', () => {
    expect(leverageOf({ size: d('9999999999999999.99'), ownContribution: d('0.01') }).toFixed(4)).toBe('999999999999999998.0000');
  });

  it('is 0 when the fund is the only investor', () => {
    expect(leverageOf({ size: d('50000000.00'), ownContribution: d('50000000.00') }).toFixed(4)).toBe('0.0000');
  });

  it.each([
    ['own contribution of 0', '100.00', '0.00', 'greater than 0'],
    ['negative own contribution', '100.00', '-1.00', 'greater than 0'],
    ['own contribution above the sub-fund size', '100.00', '100.01', 'cannot exceed'],
  ])('refuses %s', (_case, size, own, message) => {
    expect(subFundAmountsProblem({ size: d(size), ownContribution: d(own) })).toContain(message);
    expect(() => leverageOf({ size: d(size), ownContribution: d(own) })).toThrow(RangeError);
  });

  it('sums a fund over its sub-funds as total social capital / total own contribution', () => {
    const summary = leverageSummary([
      { size: d('100000000.00'), ownContribution: d('20000000.00') }, // ×4
      { size: d('30000000.00'), ownContribution: d('10000000.00') }, // ×2
    ]);
    expect(summary.count).toBe(2);
    expect(summary.totalSize.toFixed(2)).toBe('130000000.00');
    expect(summary.ownContribution.toFixed(2)).toBe('30000000.00');
    expect(summary.socialCapital.toFixed(2)).toBe('100000000.00');
    // 100,000,000 / 30,000,000 = 3.3333…, not the mean of 4 and 2.
    expect(summary.leverage?.toFixed(4)).toBe('3.3333');
  });

  it('has no leverage (null) without sub-funds', () => {
    const summary = leverageSummary([]);
    expect(summary.count).toBe(0);
    expect(summary.totalSize.toFixed(2)).toBe('0.00');
    expect(summary.leverage).toBeNull();
  });
});
