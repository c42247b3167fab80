import type { Money } from '@tjc/contracts';
import type { Prisma } from '../generated/prisma/client';

// A request or grant of 0 yuan is a typo; a refusal is a decline.
export { Money, PositiveMoney } from '@tjc/contracts';

/** DB decimal → the wire shape. toFixed keeps exact digits: no float ever appears. */
export function toMoney(value: Prisma.Decimal): Money {
  return { amount: value.toFixed(2), currency: 'CNY' };
}

export function toMoneyOrNull(value: Prisma.Decimal | null): Money | null {
  return value === null ? null : toMoney(value);
}
