import { defineStateMachine } from '../shared/state-machine';

/**
 * An open challenge (揭榜挂帅): published → awarded | cancelled. `apply` is a
 * self-transition: institutions apply only while the challenge is published,
 * and the table is the one place that says so.
 */
export const ChallengeStateMachine = defineStateMachine('challenge', {
  published: { apply: 'published', award: 'awarded', cancel: 'cancelled' },
  awarded: {},
  cancelled: {},
});

export type ChallengeStatus = (typeof ChallengeStateMachine.states)[number];

/** Applications follow their challenge: one is awarded, the others are not selected. */
export const APPLICATION_STATUSES = ['submitted', 'awarded', 'not-selected'] as const;

/**
 * The states in which a challenge still waits on its application deadline, so
 * it can be overdue: only `published` (still taking applications). Awarded and
 * cancelled challenges are decided; their deadline no longer matters.
 */
export const CHALLENGE_STATES_AWAITING_DEADLINE: readonly ChallengeStatus[] = ['published'];
