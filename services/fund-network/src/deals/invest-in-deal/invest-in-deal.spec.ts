import { InvestInDealCommand } from './invest-in-deal.command';

const base = { version: 3, amount: { amount: '3000000.00', currency: 'CNY' }, round: 'seed' } as const;
const issues = (input: unknown) => {
  const result = InvestInDealCommand.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.code}`);
};

describe('invest-in-deal command', () => {
  it('accepts a date, an instant, or both when they name the same Shanghai day', () => {
    expect(issues({ ...base, investedOn: '2024-08-15' })).toEqual([]);
    expect(issues({ ...base, investedAt: '2024-08-15T10:30:00+08:00' })).toEqual([]);
    // 2024-12-31T17:00Z is already 1 January 2025 in Shanghai: the KPI year follows Shanghai.
    expect(issues({ ...base, investedOn: '2025-01-01', investedAt: '2024-12-31T17:00:00Z' })).toEqual([]);
  });

  it('refuses an instant on another Shanghai day than investedOn', () => {
    expect(issues({ ...base, investedOn: '2024-12-31', investedAt: '2024-12-31T17:00:00Z' })).toEqual(['investedAt:custom']);
  });

  // The bug: the same-day rule ran on an instant that had already failed its
  // format and threw "Invalid time value" (a 500) instead of answering 400.
  it.each(['', 'x', '2024-13-45T10:00:00Z'])('refuses an unreadable instant %j by its own rule, without throwing', (investedAt) => {
    expect(issues({ ...base, investedOn: '2024-08-15', investedAt })).toEqual(['investedAt:invalid_format']);
  });

  it('names the date the instant must fall on', () => {
    const result = InvestInDealCommand.safeParse({ ...base, investedOn: '2024-12-31', investedAt: '2024-12-31T17:00:00Z' });
    expect(result.error?.issues.map((i) => i.message)).toEqual(['must fall on investedOn (2024-12-31) in Asia/Shanghai']);
  });

  it('refuses a version past the PostgreSQL integer range of the version column', () => {
    expect(issues({ ...base, investedOn: '2024-08-15', version: 2 ** 31 })).toEqual(['version:too_big']);
    expect(issues({ ...base, investedOn: '2024-08-15', version: 2 ** 31 - 1 })).toEqual([]);
  });

  it('needs investedOn or investedAt', () => {
    expect(issues(base)).toEqual(['investedOn:custom']);
  });

  it('reserves the grant-conversion round for converted grants', () => {
    expect(issues({ ...base, round: 'grant-conversion', investedOn: '2024-08-15' })).toEqual(['round:invalid_value']);
  });

  it('refuses future dates, zero amounts and float-looking amounts', () => {
    expect(issues({ ...base, investedOn: '2999-01-01' })).toEqual(['investedOn:custom']);
    expect(issues({ ...base, investedOn: '2024-08-15', amount: { amount: '0.00', currency: 'CNY' } })).toEqual(['amount.amount:custom']);
    expect(issues({ ...base, investedOn: '2024-08-15', amount: { amount: '0.30000000000000004', currency: 'CNY' } })).toEqual(['amount.amount:invalid_format']);
  });

  it('takes an equity share of up to 100 % with at most 4 fraction digits', () => {
    expect(issues({ ...base, investedOn: '2024-08-15', equityPercent: '12.3456' })).toEqual([]);
    expect(issues({ ...base, investedOn: '2024-08-15', equityPercent: '100.1' })).toEqual(['equityPercent:invalid_format']);
    expect(issues({ ...base, investedOn: '2024-08-15', equityPercent: '0' })).toEqual(['equityPercent:custom']);
  });
});
