/**
 * Folding counted lineage into the figures the API and the rollups show:
 * per KPI a total and the same total split by month, network and region.
 * Every split sums to the total, because a unit is attributed to exactly
 * the one event that made it.
 */
export interface FigureRow {
  readonly kpiCode: string;
  readonly month: number;
  readonly network: string;
  readonly region: string;
  readonly value: number;
}

export type Dimension = 'month' | 'network' | 'region';
export const DIMENSIONS: readonly Dimension[] = ['month', 'network', 'region'];

export interface KpiFigures {
  total: number;
  month: Record<string, number>;
  network: Record<string, number>;
  region: Record<string, number>;
}

export const monthKey = (month: number) => String(month).padStart(2, '0');

export function emptyFigures(): KpiFigures {
  return { total: 0, month: {}, network: {}, region: {} };
}

export function foldFigures(rows: readonly FigureRow[]): Map<string, KpiFigures> {
  const out = new Map<string, KpiFigures>();
  for (const row of rows) {
    const f = out.get(row.kpiCode) ?? emptyFigures();
    f.total += row.value;
    const keys: Record<Dimension, string> = { month: monthKey(row.month), network: row.network, region: row.region };
    for (const d of DIMENSIONS) f[d][keys[d]] = (f[d][keys[d]] ?? 0) + row.value;
    out.set(row.kpiCode, f);
  }
  return out;
}
