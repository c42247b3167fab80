import { useMemo } from 'react';
import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { todayInShanghai } from '../lib/format';
import { isDateValue, isMoneyText, isPositiveMoneyText } from '../lib/forms';
import { amountExceeds } from './patch';

/**
 * Client-side rules that mirror the services' request schemas (the
 * @tjc/contracts primitives `Text`, `Name`, `Id`, `Money`, `LocalDate` and
 * the services' `PastOrToday`/`PastLocalDate`), so a form refuses what the
 * API would refuse before sending it. The API stays the judge: whatever gets
 * through and is refused comes back as field errors (useApiForm).
 */
export function useRules() {
  const { t } = useTranslation();
  return useMemo(() => {
    const notBlank: FormRule = {
      validator: (_, v: unknown) => (typeof v === 'string' && v.length > 0 && v.trim() === '' ? Promise.reject(new Error(t('form.notBlank'))) : Promise.resolve()),
    };
    /** `Text(max)`: at most `max` characters and, when given, not only white space. */
    const text = (max: number, required = false): FormRule[] => [...(required ? [{ required: true, whitespace: true } satisfies FormRule] : []), { max }, notBlank];
    return {
      required: [{ required: true }] as FormRule[],
      text,
      /** `Name` = Text(200). */
      name: (required = true) => text(200, required),
      /** `Id`: letters, digits, ".", "_", ":" or "-", starting with a letter or digit, at most 128. */
      id: (required = false): FormRule[] => [...(required ? [{ required: true } satisfies FormRule] : []), { max: 128 }, { pattern: /^[A-Za-z0-9][A-Za-z0-9._:-]*$/, message: t('form.id') }],
      /** `Money` (decimal string, ≤ 2 fraction digits, < 10^15), positive when `positive`. */
      money: (required = true, positive = true): FormRule[] => [
        ...(required ? [{ required: true } satisfies FormRule] : []),
        {
          validator: (_, v: unknown) => {
            if (v === undefined || v === null || v === '') return Promise.resolve();
            const s = String(v);
            if (!isMoneyText(s)) return Promise.reject(new Error(t('form.money')));
            if (positive && !isPositiveMoneyText(s)) return Promise.reject(new Error(t('form.positive')));
            return Promise.resolve();
          },
        },
      ],
      /** An integer in [min, max]. */
      integer: (min: number, max: number, required = true): FormRule[] => [...(required ? [{ required: true } satisfies FormRule] : []), { type: 'integer', min, max, message: t('form.integer', { min, max }) }],
      /** `PastOrToday` / `PastLocalDate`: a business date not after today in Asia/Shanghai. */
      pastOrToday: (required = false): FormRule[] => [
        ...(required ? [{ required: true } satisfies FormRule] : []),
        { validator: (_, v: unknown) => (isDateValue(v) && v.format('YYYY-MM-DD') > todayInShanghai() ? Promise.reject(new Error(t('form.notFuture'))) : Promise.resolve()) },
      ],
      /** A date not before another field's date (`endsOn` ≥ `startsOn`, `due` ≥ `awardedOn`). */
      notBefore: (other: (string | number)[], otherLabel: string): FormRule => ({ getFieldValue }) => ({
        validator: (_, v: unknown) => {
          const o: unknown = getFieldValue(other);
          return isDateValue(v) && isDateValue(o) && v.format('YYYY-MM-DD') < o.format('YYYY-MM-DD') ? Promise.reject(new Error(t('form.notBefore', { other: otherLabel }))) : Promise.resolve();
        },
      }),
      /** An amount not above another field's amount (a sub-fund's `ownContribution` ≤ its `size`: the API's refine on `ownContribution.amount`). */
      notAboveField: (other: (string | number)[], otherLabel: string): FormRule => ({ getFieldValue }) => ({
        validator: (_, v: unknown) => (amountExceeds(v as string | undefined, getFieldValue(other) as string | undefined) ? Promise.reject(new Error(t('form.notAbove', { other: otherLabel }))) : Promise.resolve()),
      }),
      /** An amount not above a fixed one (`max`, a decimal string), e.g. a grant ≤ the requested amount; `shown` is how the message names it. */
      amountAtMost: (max: string, shown: string): FormRule => ({
        validator: (_, v: unknown) => (amountExceeds(v as string | undefined, max) ? Promise.reject(new Error(t('form.atMost', { max: shown }))) : Promise.resolve()),
      }),
    };
  }, [t]);
}
