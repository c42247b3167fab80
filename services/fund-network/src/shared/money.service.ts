/**
 * Money helpers. Amounts travel as decimal strings (API and events) and are
 * stored as Decimal(18, 2); arithmetic uses Prisma's Decimal (decimal.js),
 * never JS numbers, so 0.1 + 0.2 can never reach a fund's books.
 */
import { compareDecimal, Money } from '@tjc/contracts';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client';

export type Decimal = Prisma.Decimal;
export const Decimal = Prisma.Decimal;

/** Money as the API and the events carry it: two fraction digits, always. */
export function toMoney(amount: Decimal): Money {
  return { amount: amount.toFixed(2), currency: 'CNY' };
}

export function decimalOf(money: Money): Decimal {
  return new Decimal(money.amount);
}

export function sumOf(amounts: readonly Decimal[]): Decimal {
  return amounts.reduce((total, a) => total.plus(a), new Decimal(0));
}

export { PositiveMoney } from '@tjc/contracts';

/** An equity share in percent, 0 < p ≤ 100, at most 4 fraction digits (as in fund.grant.converted.v1). */
export const EquityPercent = z
  .string()
  .regex(/^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/, 'must be a decimal percentage between 0 and 100 with at most 4 fraction digits, e.g. "2.5"')
  .refine((p) => compareDecimal(p, '0') > 0, 'must be greater than 0')
  .meta({ description: '股权比例（%） / Equity share in percent, e.g. "2.5"' });

export function percentString(p: Decimal): string {
  // Trailing zeros dropped: "2.5000" reads as "2.5", as in the contract example.
  return p.toDecimalPlaces(4).toString();
}
