import { assertOwnConsortium, ConsortiumStateMachine, isEligibleLeadRegion, isEligibleMemberRegion } from './consortium.state-machine';

describe('ConsortiumStateMachine (创新联合体状态)', () => {
  it.each([
    ['proposed', 'confirm', 'formed'],
    ['formed', 'record-milestone', 'formed'],
    ['formed', 'conclude', 'concluded'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(ConsortiumStateMachine.transition(from, action)).toEqual({ ok: true, from, action, to });
  });

  it.each([
    ['proposed', 'record-milestone', ['confirm']],
    ['proposed', 'conclude', ['confirm']],
    ['formed', 'confirm', ['record-milestone', 'conclude']],
    ['concluded', 'record-milestone', []],
    ['concluded', 'conclude', []],
    ['concluded', 'confirm', []],
  ] as const)('refuses %s --%s--> and names what is allowed', (from, action, allowed) => {
    expect(ConsortiumStateMachine.transition(from, action)).toEqual({ ok: false, currentState: from, action, allowedTransitions: allowed });
  });
});

describe('consortium membership rules', () => {
  it('leads only with a Tianjin enterprise', () => {
    expect(isEligibleLeadRegion('tianjin')).toBe(true);
    expect(isEligibleLeadRegion('beijing')).toBe(false);
  });

  it.each([
    ['beijing', true],
    ['hebei', true],
    ['xiongan', true],
    ['tianjin', false],
  ])('member from %s eligible: %s', (region, eligible) => {
    expect(isEligibleMemberRegion(region)).toBe(eligible);
  });

  it('treats a partner-reported consortium as read-only', () => {
    expect(() => assertOwnConsortium({ id: 'cs-1', reportedBy: 'tjc/industry-network' })).not.toThrow();
    expect(() => assertOwnConsortium({ id: 'cs-2', reportedBy: 'partner/beijing-hq' })).toThrow(/只读/);
  });
});
