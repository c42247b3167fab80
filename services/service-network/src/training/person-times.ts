/**
 * Person-times (人次), the KPI unit of "technology-transfer talent trained":
 * one per completed ENROLMENT. A person who completes two courses counts
 * twice (two enrolments); the same enrolment completed twice counts once.
 */

export interface EnrolmentState {
  readonly id: string;
  readonly traineeId: string;
  readonly status: string;
}

export interface CompletionPlan {
  /** Enrolled → completed now: these go into the event. */
  readonly newlyCompleted: readonly { readonly enrolmentId: string; readonly traineeId: string }[];
  /** Already completed earlier: idempotent, not counted again, not re-emitted. */
  readonly alreadyCompleted: readonly string[];
  /** Withdrawn (or any state that cannot complete). */
  readonly refused: readonly { readonly enrolmentId: string; readonly status: string }[];
  /** Not an enrolment of this session. */
  readonly unknown: readonly string[];
}

/** Decides what recording completions for `requestedIds` does, without touching storage. */
export function planCompletions(enrolments: readonly EnrolmentState[], requestedIds: readonly string[]): CompletionPlan {
  const byId = new Map(enrolments.map((e) => [e.id, e]));
  const newlyCompleted: { enrolmentId: string; traineeId: string }[] = [];
  const alreadyCompleted: string[] = [];
  const refused: { enrolmentId: string; status: string }[] = [];
  const unknown: string[] = [];
  // The same id listed twice in one request is one completion.
  for (const id of new Set(requestedIds)) {
    const enrolment = byId.get(id);
    if (!enrolment) unknown.push(id);
    else if (enrolment.status === 'enrolled') newlyCompleted.push({ enrolmentId: id, traineeId: enrolment.traineeId });
    else if (enrolment.status === 'completed') alreadyCompleted.push(id);
    else refused.push({ enrolmentId: id, status: enrolment.status });
  }
  return { newlyCompleted, alreadyCompleted, refused, unknown };
}

/** Person-times of a set of completions: distinct enrolments, whoever the trainees are. */
export function personTimes(completions: readonly { readonly enrolmentId: string }[]): number {
  return new Set(completions.map((c) => c.enrolmentId)).size;
}
