import { DEMAND_STATES_AWAITING_DEADLINE, DemandStateMachine } from './demand.state-machine';

describe('DemandStateMachine (需求清单状态)', () => {
  it.each([
    ['open', 'publish-as-challenge', 'published-as-challenge'],
    ['open', 'close', 'closed'],
    ['published-as-challenge', 'challenge-awarded', 'closed'],
    ['published-as-challenge', 'challenge-cancelled', 'open'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(DemandStateMachine.transition(from, action)).toEqual({ ok: true, from, action, to });
  });

  it.each([
    ['published-as-challenge', 'close', ['challenge-awarded', 'challenge-cancelled']],
    ['published-as-challenge', 'publish-as-challenge', ['challenge-awarded', 'challenge-cancelled']],
    ['open', 'challenge-awarded', ['publish-as-challenge', 'close']],
    ['closed', 'close', []],
    ['closed', 'publish-as-challenge', []],
    ['closed', 'challenge-cancelled', []],
  ] as const)('refuses %s --%s--> and names what is allowed', (from, action, allowed) => {
    expect(DemandStateMachine.transition(from, action)).toEqual({ ok: false, currentState: from, action, allowedTransitions: allowed });
  });

  it('has exactly the three states of the lifecycle', () => {
    expect(DemandStateMachine.states).toEqual(['open', 'published-as-challenge', 'closed']);
    expect(DemandStateMachine.isState('published')).toBe(false);
  });
});

describe('DEMAND_STATES_AWAITING_DEADLINE', () => {
  it('is only open: published demands wait on their challenge, closed ones on nothing', () => {
    expect(DEMAND_STATES_AWAITING_DEADLINE).toEqual(['open']);
  });
});
