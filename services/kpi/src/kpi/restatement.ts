/**
 * A closed year's figures were reported; any later change to them (a late
 * event, a correction, a changed counting rule, a rebuild that differs) is a
 * restatement and is recorded with its cause. Open years just change.
 */
export interface ValueChange {
  readonly kpiCode: string;
  readonly previousValue: number;
  readonly newValue: number;
}

export function detectRestatements(yearClosed: boolean, before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): ValueChange[] {
  if (!yearClosed) return [];
  const codes = [...new Set([...before.keys(), ...after.keys()])].sort();
  return codes
    .map((kpiCode) => ({ kpiCode, previousValue: before.get(kpiCode) ?? 0, newValue: after.get(kpiCode) ?? 0 }))
    .filter((c) => c.previousValue !== c.newValue);
}
