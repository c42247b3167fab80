import { compareDecimal } from '@tjc/contracts';
import { ApiError } from '../api/errors';

/**
 * The body of a PATCH: only what the user changed. The services' PATCH
 * endpoints take every field as optional (absent = unchanged, `null` = clear a
 * nullable field) and refuse a body that changes nothing. Sending only the
 * changes also means that after a stale-version 409 and a reload, a retry does
 * not write back the old values of fields someone else changed meanwhile.
 */

interface MoneyLike {
  readonly amount: string;
  readonly currency: string;
}

const isMoneyLike = (v: unknown): v is MoneyLike =>
  typeof v === 'object' && v !== null && typeof (v as { amount?: unknown }).amount === 'string' && typeof (v as { currency?: unknown }).currency === 'string';

/** Whether a form's value equals the record's: amounts by value ("5000" = "5000.00"), `null` and absent alike. */
export function sameValue(current: unknown, next: unknown): boolean {
  if ((current === null || current === undefined) && (next === null || next === undefined)) return true;
  if (isMoneyLike(current) && isMoneyLike(next)) {
    // compareDecimal expects canonical decimals; anything else is simply "changed" and left to the API to judge.
    const decimal = /^\d+(\.\d+)?$/;
    if (!decimal.test(current.amount) || !decimal.test(next.amount)) return current.amount === next.amount && current.currency === next.currency;
    return current.currency === next.currency && compareDecimal(current.amount, next.amount) === 0;
  }
  if (typeof current === 'object' || typeof next === 'object') return JSON.stringify(current) === JSON.stringify(next);
  return current === next;
}

/**
 * The members of `next` that differ from `current`. A member that is
 * `undefined` in `next` was not edited and is never sent; `null` clears.
 */
export function patchOf<T extends Record<string, unknown>>(current: object, next: T): Partial<T> {
  const before = current as Readonly<Record<string, unknown>>;
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(next) as [keyof T & string, T[keyof T & string]][]) {
    if (v === undefined) continue;
    if (!sameValue(before[k], v)) out[k] = v;
  }
  return out;
}

/**
 * Refuses an empty change before it is sent, with the answer the API would
 * give (400, an error on the whole body), so the form shows it like the
 * API's own: as a general message above the fields.
 */
export function assertChanged(patch: object, message: string, request: string): void {
  if (Object.keys(patch).length > 0) return;
  throw new ApiError({ kind: 'validation', status: 400, message, fieldErrors: [{ path: '', rule: 'custom', message }] }, request);
}

/** Whether a typed amount is above a maximum (both decimal strings); false while the amount is not a decimal yet. */
export function amountExceeds(amount: string | number | null | undefined, max: string | number | null | undefined): boolean {
  if (amount === null || amount === undefined || max === null || max === undefined) return false;
  const a = String(amount).trim();
  const m = String(max).trim();
  const decimal = /^(0|[1-9]\d*)(\.\d+)?$/;
  return decimal.test(a) && decimal.test(m) && compareDecimal(a, m) > 0;
}

/**
 * The fields to take from a reloaded record: those whose form value is still
 * the one loaded before (`before`) and that the reload changed (`after`).
 * The user's own edits are never overwritten.
 */
export function untouchedFields(form: Readonly<Record<string, unknown>>, before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(after).filter((k) => sameValue(form[k], before[k]) && !sameValue(before[k], after[k]));
}
