/**
 * Lifecycles as data: a table `state → action → next state`. Pure, so each
 * lifecycle is unit-tested exhaustively without a database, and the HTTP
 * layer can tell a caller what it may do next (`allowedTransitions`).
 * Actions rather than target states are listed because one target can be
 * reached by different actions (a demand is closed by the coordinator or by
 * its challenge being awarded) and a UI offers actions, not states.
 */
export type TransitionTable<S extends string, A extends string> = { readonly [K in S]: { readonly [B in A]?: S } };

export type TransitionResult<S extends string, A extends string> =
  | { readonly ok: true; readonly from: S; readonly to: S; readonly action: A }
  | { readonly ok: false; readonly currentState: S; readonly action: A; readonly allowedTransitions: readonly A[] };

export interface StateMachine<S extends string, A extends string> {
  readonly name: string;
  readonly states: readonly S[];
  isState(value: string): value is S;
  allowedTransitions(state: S): A[];
  transition(state: S, action: A): TransitionResult<S, A>;
}

// NoInfer: the states are the table's keys; a typo in a target must fail, not become a new state.
export function defineStateMachine<const S extends string, const A extends string>(name: string, table: { readonly [K in S]: { readonly [B in A]?: NoInfer<S> } }): StateMachine<S, A> {
  const states = Object.keys(table) as S[];
  return {
    name,
    states,
    isState: (value: string): value is S => (states as readonly string[]).includes(value),
    allowedTransitions: (state) => Object.keys(table[state]) as A[],
    transition(state, action) {
      const to = table[state][action];
      if (to === undefined) return { ok: false, currentState: state, action, allowedTransitions: Object.keys(table[state]) as A[] };
      return { ok: true, from: state, to, action };
    },
  };
}

/**
 * Reads a stored status as a state of the machine. A stored value outside the
 * table means the database and the code disagree: fail loudly, never guess.
 */
export function stateOf<S extends string, A extends string>(machine: StateMachine<S, A>, stored: string): S {
  if (!machine.isState(stored)) throw new Error(`${machine.name}: unknown stored state "${stored}"`);
  return stored;
}
