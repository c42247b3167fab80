import { CHALLENGE_STATES_AWAITING_DEADLINE, ChallengeStateMachine } from './challenge.state-machine';

describe('ChallengeStateMachine (揭榜挂帅状态)', () => {
  it.each([
    ['published', 'apply', 'published'],
    ['published', 'award', 'awarded'],
    ['published', 'cancel', 'cancelled'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(ChallengeStateMachine.transition(from, action)).toEqual({ ok: true, from, action, to });
  });

  it.each([
    ['awarded', 'apply'],
    ['awarded', 'award'],
    ['awarded', 'cancel'],
    ['cancelled', 'apply'],
    ['cancelled', 'award'],
  ] as const)('refuses %s --%s--> with nothing allowed from a final state', (from, action) => {
    expect(ChallengeStateMachine.transition(from, action)).toEqual({ ok: false, currentState: from, action, allowedTransitions: [] });
  });

  it('lists what a published challenge allows', () => {
    expect(ChallengeStateMachine.allowedTransitions('published')).toEqual(['apply', 'award', 'cancel']);
  });
});

describe('CHALLENGE_STATES_AWAITING_DEADLINE', () => {
  it('is only published (still taking applications): awarded and cancelled challenges are decided', () => {
    expect(CHALLENGE_STATES_AWAITING_DEADLINE).toEqual(['published']);
    expect(CHALLENGE_STATES_AWAITING_DEADLINE.every((s) => ChallengeStateMachine.allowedTransitions(s).includes('apply'))).toBe(true);
  });
});
