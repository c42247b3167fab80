import { defineStateMachine } from '../shared/state-machine';

/**
 * A demand on the demand list (产业技术需求清单): open → published-as-challenge → closed.
 *
 * `challenge-awarded` and `challenge-cancelled` are driven by the demand's
 * challenge, never called directly: an award meets the demand and closes it;
 * a cancelled challenge puts the demand back on the open list so it can be
 * matched again (suggestions from found projects, or another challenge).
 * A coordinator may close only an open demand: closing one whose challenge is
 * still published would leave applicants answering a withdrawn demand.
 */
export const DemandStateMachine = defineStateMachine('demand', {
  open: { 'publish-as-challenge': 'published-as-challenge', close: 'closed' },
  'published-as-challenge': { 'challenge-awarded': 'closed', 'challenge-cancelled': 'open' },
  closed: {},
});

export type DemandStatus = (typeof DemandStateMachine.states)[number];

/**
 * The states in which a demand still waits on its own deadline (the date the
 * enterprise needs a solution by), so it can be overdue: only `open`. Once
 * published as a challenge the demand is in its challenge's hands (the
 * coordinator cannot close it under the applicants; the challenge's own
 * application deadline is the one flagged); a closed demand waits on nothing.
 */
export const DEMAND_STATES_AWAITING_DEADLINE: readonly DemandStatus[] = ['open'];
