import { EVENT_TYPES, type KpiCounting, type KpiFilter } from '@tjc/contracts';
import type { Label } from './types';

/** A KPI definition as GET /kpi/targets/:year(/history) lists it (services/kpi target-history). */
export interface TargetDefinition {
  readonly year: number;
  readonly kpiCode: string;
  readonly label: Label;
  readonly unit: Label;
  readonly target: number;
  readonly eventTypes: readonly string[];
  readonly filters: readonly KpiFilter[];
  readonly counting: KpiCounting;
  readonly sortOrder: number | null;
  /** The data path of the region breakdown (`origin.region`); null: the publisher's region. */
  readonly regionPath: string | null;
  readonly current: boolean;
  readonly setBy: { readonly source: string; readonly id: string };
  readonly setAt: string;
}

/** The event types a KPI may count: domain events of the catalogue, not the center's or the KPI service's own (SetTargetCommand). */
export const COUNTABLE_EVENT_TYPES: readonly string[] = EVENT_TYPES.filter((t) => !t.startsWith('center.') && !t.startsWith('kpi.'));

/** The KPI code as the API's path takes it: kebab-case, 2–63 characters. */
export const KPI_CODE = /^[a-z][a-z0-9-]{1,62}$/;

/** A filter row of the form: `value` for `eq`, `values` (comma-separated) for `in`, nothing for `exists`. */
export interface FilterRow {
  path: string;
  op: 'eq' | 'in' | 'exists';
  value?: string;
  values?: string;
}

/**
 * A typed scalar from the text of a filter value: `true`/`false` are booleans,
 * a JSON number is a number, a JSON string in quotes ("5") stays a string,
 * anything else is the text itself (`tianjin`).
 */
export function scalarOf(text: string): string | number | boolean {
  const s = text.trim();
  try {
    const v: unknown = JSON.parse(s);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  } catch {
    /* not JSON: plain text */
  }
  return s;
}

/** The text a form shows for a scalar, so that scalarOf(textOf(v)) === v. */
export function textOf(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  return scalarOf(v) === v ? v : JSON.stringify(v);
}

export function filterOf(row: FilterRow): KpiFilter {
  if (row.op === 'exists') return { path: row.path, op: 'exists' };
  if (row.op === 'in') {
    const values = (row.values ?? '')
      .split(/[,，、]/)
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map(scalarOf)
      // `in` takes strings and numbers only.
      .map((v) => (typeof v === 'boolean' ? String(v) : v));
    return { path: row.path, op: 'in', values };
  }
  return { path: row.path, op: 'eq', value: scalarOf(row.value ?? '') };
}

export function rowOf(f: KpiFilter): FilterRow {
  if (f.op === 'exists') return { path: f.path, op: 'exists' };
  if (f.op === 'in') return { path: f.path, op: 'in', values: f.values.map(textOf).join(', ') };
  return { path: f.path, op: 'eq', value: textOf(f.value) };
}
