import type { Money } from '@tjc/contracts';
import type { Prisma } from '../generated/prisma/client';

/** Decimal columns back to the contract's Money: a two-digit decimal string, never a float. */
export function toMoney(amount: Prisma.Decimal): Money {
  return { amount: amount.toFixed(2), currency: 'CNY' };
}
