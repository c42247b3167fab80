/**
 * The project pipeline of the research network as a pure transition table:
 *
 *   submitted ──assign-experts──► under-review ──start-demonstration──► in-demonstration ──select──► found ──start-joint-research──► in-joint-research
 *                                   │  ▲ record-review                      │                             (industry.consortium.formed.v1)
 *                                   └──┴──────────reject──────────────┬─────┘
 *                                                                     ▼
 *                                                                  rejected
 *
 * Guards read facts about the review panel, so "may this happen now?" has
 * one answer for the API (409 bodies), the handlers and the unit tests.
 */
export const PROJECT_STATES = ['submitted', 'under-review', 'in-demonstration', 'found', 'in-joint-research', 'rejected'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];

export const PROJECT_ACTIONS = ['assign-experts', 'record-review', 'start-demonstration', 'select', 'reject', 'start-joint-research'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

/** The fewest experts on a review panel (the plan: review by experts of the pool; the center requires three). */
export const MIN_PANEL_SIZE = 3;

/** What the guards need to know about a project besides its state. */
export interface PanelFacts {
  readonly assignedExperts: number;
  readonly reviewsIn: number;
  /** Set once every assigned expert has reviewed. */
  readonly screeningPassed: boolean | null;
}

interface Transition {
  readonly action: ProjectAction;
  readonly from: ProjectState;
  readonly to: ProjectState;
  /** `event`: only a consumed event triggers it, never the HTTP API. */
  readonly via: 'http' | 'event';
  /** Why the transition is not possible now, or undefined when it is. */
  readonly guard?: (facts: PanelFacts) => string | undefined;
}

const reviewsOutstanding = (f: PanelFacts) => (f.reviewsIn < f.assignedExperts ? undefined : 'every assigned expert has already reviewed');

const screeningPassedGuard = (f: PanelFacts): string | undefined => {
  if (f.assignedExperts < MIN_PANEL_SIZE) return `at least ${MIN_PANEL_SIZE} experts must be assigned`;
  if (f.reviewsIn < f.assignedExperts) return `${f.assignedExperts - f.reviewsIn} of ${f.assignedExperts} reviews are still outstanding`;
  if (f.screeningPassed !== true) return 'the project did not pass expert screening; reject it instead';
  return undefined;
};

export const TRANSITIONS: readonly Transition[] = [
  { action: 'assign-experts', from: 'submitted', to: 'under-review', via: 'http' },
  { action: 'record-review', from: 'under-review', to: 'under-review', via: 'http', guard: reviewsOutstanding },
  { action: 'start-demonstration', from: 'under-review', to: 'in-demonstration', via: 'http', guard: screeningPassedGuard },
  { action: 'reject', from: 'under-review', to: 'rejected', via: 'http' },
  { action: 'select', from: 'in-demonstration', to: 'found', via: 'http' },
  { action: 'reject', from: 'in-demonstration', to: 'rejected', via: 'http' },
  { action: 'start-joint-research', from: 'found', to: 'in-joint-research', via: 'event' },
];

export interface AllowedTransition {
  readonly action: ProjectAction;
  readonly to: ProjectState;
  readonly via: 'http' | 'event';
}

export type Decision =
  | { readonly ok: true; readonly from: ProjectState; readonly to: ProjectState }
  | { readonly ok: false; readonly message: string; readonly currentState: ProjectState; readonly allowedTransitions: readonly AllowedTransition[] };

const NO_FACTS: PanelFacts = { assignedExperts: 0, reviewsIn: 0, screeningPassed: null };

/** The transitions possible from `state` right now (guards included). */
export function allowedTransitions(state: ProjectState, facts: PanelFacts = NO_FACTS): AllowedTransition[] {
  return TRANSITIONS.filter((t) => t.from === state && t.guard?.(facts) === undefined).map(({ action, to, via }) => ({ action, to, via }));
}

/** May `action` happen to a project in `state` with these facts? */
export function decide(state: ProjectState, action: ProjectAction, facts: PanelFacts = NO_FACTS): Decision {
  const transition = TRANSITIONS.find((t) => t.from === state && t.action === action);
  const refuse = (message: string): Decision => ({ ok: false, message, currentState: state, allowedTransitions: allowedTransitions(state, facts) });
  if (!transition) return refuse(`cannot ${action} a project in state ${state}`);
  const blocked = transition.guard?.(facts);
  if (blocked !== undefined) return refuse(`cannot ${action} now: ${blocked}`);
  return { ok: true, from: state, to: transition.to };
}

/** The stage a rejection belongs to, for the rejected event: the state it leaves. */
export function rejectionStageOf(state: ProjectState): 'screening' | 'demonstration' | undefined {
  if (state === 'under-review') return 'screening';
  if (state === 'in-demonstration') return 'demonstration';
  return undefined;
}

export function isProjectState(value: string): value is ProjectState {
  return (PROJECT_STATES as readonly string[]).includes(value);
}
