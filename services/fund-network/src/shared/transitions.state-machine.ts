/**
 * A lifecycle as data: each state lists the states it may move to. Pure, so
 * the rules are unit-tested without a database, and the 409 answer can list
 * `allowedTransitions` straight from the same table that enforces them.
 */
export interface TransitionTable<S extends string> {
  readonly states: readonly S[];
  allowed(from: S): readonly S[];
  can(from: S, to: S): boolean;
  isFinal(state: S): boolean;
}

export function transitionTable<S extends string>(table: { readonly [K in S]: readonly S[] }): TransitionTable<S> {
  const states = Object.keys(table) as S[];
  return {
    states,
    allowed: (from) => table[from],
    can: (from, to) => table[from].includes(to),
    isFinal: (state) => table[state].length === 0,
  };
}
