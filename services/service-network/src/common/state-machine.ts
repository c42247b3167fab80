import { ConflictException } from '@nestjs/common';

/**
 * A lifecycle as a plain table: for each state, the states it may move to.
 * Kept as data (not code paths in handlers) so that the unit specs can
 * enumerate every allowed transition and the 409 body can tell a UI exactly
 * which buttons to offer.
 */
export interface StateMachine<S extends string> {
  /** Chinese name of the thing, used in messages to coordinators. */
  readonly label: string;
  readonly states: Readonly<Record<S, string>>;
  readonly transitions: { readonly [K in S]: readonly S[] };
}

/** States are inferred from `states` only (NoInfer), so a typo in a transition target fails to compile. */
export function defineStateMachine<const S extends string>(machine: {
  readonly label: string;
  readonly states: Readonly<Record<S, string>>;
  readonly transitions: { readonly [K in NoInfer<S>]: readonly NoInfer<S>[] };
}): StateMachine<S> {
  return machine;
}

export function isState<S extends string>(machine: StateMachine<S>, value: string): value is S {
  return Object.prototype.hasOwnProperty.call(machine.transitions, value);
}

export function allowedTransitions<S extends string>(machine: StateMachine<S>, from: string): readonly S[] {
  return isState(machine, from) ? machine.transitions[from] : [];
}

export function canTransition<S extends string>(machine: StateMachine<S>, from: string, to: S): boolean {
  return allowedTransitions(machine, from).includes(to);
}

export interface TransitionConflictBody {
  readonly statusCode: 409;
  readonly error: 'Conflict';
  readonly message: string;
  readonly currentState: string;
  readonly allowedTransitions: readonly string[];
}

/** Throws 409 with the current state and what it may become instead. */
export function assertTransition<S extends string>(machine: StateMachine<S>, from: string, to: S): void {
  if (canTransition(machine, from, to)) return;
  const fromLabel = isState(machine, from) ? machine.states[from] : from;
  const body: TransitionConflictBody = {
    statusCode: 409,
    error: 'Conflict',
    message: `${machine.label}当前为「${fromLabel}」，不能变为「${machine.states[to]}」 (${from} → ${to} is not allowed)`,
    currentState: from,
    allowedTransitions: allowedTransitions(machine, from),
  };
  throw new ConflictException(body);
}
