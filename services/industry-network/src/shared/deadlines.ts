/**
 * Overdue work (#19.6): a record is overdue when it is in a state that still
 * waits on its deadline and that deadline (a calendar date) is before today in
 * Asia/Shanghai. The deadline day itself still counts as in time. A record
 * without a deadline is never overdue.
 *
 * Computed at read time from the stored deadline and today's date, never
 * stored, so it cannot go stale. Nothing is closed automatically when a
 * deadline passes: closing a demand or cancelling/awarding a challenge is the
 * coordinator's decision and publishes events (KPIs, consortia, partners
 * follow them); the flag only tells the coordinator a decision is due.
 */
export function isOverdue<S extends string>(state: S, deadline: string | null, awaitingDeadline: readonly S[], today: string): boolean {
  return deadline !== null && awaitingDeadline.includes(state) && deadline < today;
}
