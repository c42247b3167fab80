/**
 * Leverage of social capital (撬动社会资本): how many yuan of other investors'
 * money each yuan of the fund's own contribution brought into a sub-fund.
 *
 *   leverage = (sub-fund size − fund's own contribution) / own contribution
 *
 * Computed in exact decimals (decimal.js through Prisma.Decimal) and rounded
 * half-up to 4 places only at the end, so totals and ratios reconcile with
 * the books to the fen.
 */
import { Decimal, sumOf } from '../shared/money.service';

export const LEVERAGE_PLACES = 4;

export interface SubFundAmounts {
  readonly size: Decimal;
  readonly ownContribution: Decimal;
}

/** Why a sub-fund's amounts are not acceptable, or undefined when they are. */
export function subFundAmountsProblem(amounts: SubFundAmounts): string | undefined {
  if (amounts.ownContribution.lte(0)) return 'the fund’s own contribution must be greater than 0';
  if (amounts.ownContribution.gt(amounts.size)) return 'the fund’s own contribution cannot exceed the sub-fund size';
  return undefined;
}

/** Social capital attracted: the part of the sub-fund the fund did not put in. */
export function socialCapitalOf(amounts: SubFundAmounts): Decimal {
  return amounts.size.minus(amounts.ownContribution);
}

export function leverageOf(amounts: SubFundAmounts): Decimal {
  const problem = subFundAmountsProblem(amounts);
  if (problem) throw new RangeError(problem);
  return socialCapitalOf(amounts).div(amounts.ownContribution).toDecimalPlaces(LEVERAGE_PLACES, Decimal.ROUND_HALF_UP);
}

export interface LeverageSummary {
  readonly count: number;
  readonly totalSize: Decimal;
  readonly ownContribution: Decimal;
  readonly socialCapital: Decimal;
  /** Null when there is no sub-fund: a ratio over nothing is not 0, it is unknown. */
  readonly leverage: Decimal | null;
}

/**
 * A fund's leverage over all its sub-funds: total social capital over total
 * own contribution (not the mean of the per-sub-fund ratios, which would let a
 * tiny sub-fund with a high ratio dominate).
 */
export function leverageSummary(subFunds: readonly SubFundAmounts[]): LeverageSummary {
  const totalSize = sumOf(subFunds.map((s) => s.size));
  const ownContribution = sumOf(subFunds.map((s) => s.ownContribution));
  const socialCapital = totalSize.minus(ownContribution);
  return {
    count: subFunds.length,
    totalSize,
    ownContribution,
    socialCapital,
    leverage: subFunds.length === 0 ? null : leverageOf({ size: totalSize, ownContribution }),
  };
}
