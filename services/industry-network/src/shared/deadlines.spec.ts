import { isOverdue } from './deadlines';

describe('isOverdue (已逾期)', () => {
  const awaiting = ['open'] as const;
  const today = '2026-03-10';

  it('is overdue once the deadline day has passed in a state that waits on it', () => {
    expect(isOverdue('open', '2026-03-09', awaiting, today)).toBe(true);
  });

  it('counts the deadline day itself as in time', () => {
    expect(isOverdue('open', '2026-03-10', awaiting, today)).toBe(false);
    expect(isOverdue('open', '2026-03-11', awaiting, today)).toBe(false);
  });

  it('is never overdue without a deadline, or in a state that no longer waits on it', () => {
    expect(isOverdue('open', null, awaiting, today)).toBe(false);
    expect(isOverdue<'open' | 'closed'>('closed', '2024-12-31', awaiting, today)).toBe(false);
  });

  it('compares calendar dates across months and years, not numbers', () => {
    expect(isOverdue('open', '2025-12-31', awaiting, '2026-01-01')).toBe(true);
  });
});
