import { compareDecimal, Money } from '@tjc/contracts';
import type { Prisma } from '../generated/prisma/client';

export { Money };

/**
 * An amount that must be strictly positive: a request or grant of 0 yuan is a
 * typo, not a fact (a refusal is a decline). The fund network's rule and message.
 */
export const PositiveMoney = Money.refine((m) => compareDecimal(m.amount, '0') > 0, {
  message: 'must be greater than 0',
  path: ['amount'],
});

/** DB decimal → the wire shape. toFixed keeps exact digits: no float ever appears. */
export function toMoney(value: Prisma.Decimal): Money {
  return { amount: value.toFixed(2), currency: 'CNY' };
}

export function toMoneyOrNull(value: Prisma.Decimal | null): Money | null {
  return value === null ? null : toMoney(value);
}
