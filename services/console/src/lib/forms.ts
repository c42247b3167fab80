import type { DatePickerProps } from 'antd';
import { todayInShanghai } from './format';

/** antd's date value (a Dayjs; dayjs is antd's dependency, not ours, so it is named through antd's types). */
export type DateValue = Exclude<Parameters<NonNullable<DatePickerProps['onChange']>>[0], unknown[] | null>;

export const isDateValue = (v: unknown): v is DateValue => typeof v === 'object' && v !== null && typeof (v as { format?: unknown }).format === 'function';

/** The API's calendar date (YYYY-MM-DD) of a picked date, or undefined when none was picked. */
export const dateText = (v: DateValue | null | undefined): string | undefined => (v ? v.format('YYYY-MM-DD') : undefined);

/** A date picker's `disabledDate` for business dates that must not be in the future (Asia/Shanghai). */
export const isFutureDate = (d: DateValue): boolean => d.format('YYYY-MM-DD') > todayInShanghai();

const MONEY = /^(0|[1-9]\d{0,14})(\.\d{1,2})?$/;

/** The contracts' Money amount: a non-negative decimal string with at most 2 fraction digits. */
export const isMoneyText = (s: string): boolean => MONEY.test(s);
export const isPositiveMoneyText = (s: string): boolean => MONEY.test(s) && /[1-9]/.test(s);

/**
 * A money field's value (InputNumber in `stringMode`, so amounts never pass
 * through a float) → the API's Money. Trailing ".00" or "0" fraction digits are
 * kept as typed: the API accepts both.
 */
export function moneyOf(value: string | number | null | undefined): { amount: string; currency: 'CNY' } | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return { amount: String(value).trim(), currency: 'CNY' };
}

/** Drops undefined, empty-string and empty-list members, so optional fields left blank are not sent at all. */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o) as [keyof T, T[keyof T]][]) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out;
}
