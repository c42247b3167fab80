/** Dates are shown in China Standard Time, the platform's business zone, whatever the browser's zone. */
const ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

/** A calendar date (YYYY-MM-DD) is shown as it is. */
export const formatDate = (date: string | null | undefined) => date ?? '—';

/** Today in Asia/Shanghai as YYYY-MM-DD. */
export function todayInShanghai(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function yearInShanghai(now = new Date()): number {
  return Number(todayInShanghai(now).slice(0, 4));
}

export interface Money {
  readonly amount: string;
  readonly currency: 'CNY';
}

/** Money is a decimal string: formatted without ever becoming a float. */
export function formatMoney(m: Money | null | undefined): string {
  if (!m) return '—';
  const [int = '0', frac] = m.amount.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${grouped}${frac ? `.${frac.padEnd(2, '0')}` : ''}`;
}

/** A number typed in a form → the API's Money (decimal string, 2 fraction digits at most). */
export function toMoney(value: number | string | null | undefined): Money | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const s = typeof value === 'number' ? value.toFixed(2).replace(/\.00$/, '') : value.trim();
  return { amount: s, currency: 'CNY' };
}
