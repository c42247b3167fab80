import { Decimal } from '../shared/money.service';
import {
  allowedGrantTransitions,
  canTransitionGrant,
  conversionRefusal,
  GRANT_STATUSES,
  isGrantStatus,
  statusAfterMilestones,
  type ConvertibleGrant,
  type GrantStatus,
} from './grant.state-machine';

describe('grant lifecycle', () => {
  const convertible = (status: GrantStatus) => ({ status, convertible: true });
  const plain = (status: GrantStatus) => ({ status, convertible: false });

  it.each<[GrantStatus, GrantStatus]>([
    ['awarded', 'milestones-met'],
    ['awarded', 'closed'],
    ['milestones-met', 'converted'],
    ['milestones-met', 'closed'],
  ])('allows %s → %s for a convertible grant', (from, to) => {
    expect(canTransitionGrant(convertible(from), to)).toBe(true);
  });

  it.each<[GrantStatus, GrantStatus]>([
    ['awarded', 'converted'], // milestones first (先拨后投: invest after the milestones)
    ['milestones-met', 'awarded'],
    ['converted', 'converted'], // at most once
    ['converted', 'closed'],
    ['closed', 'converted'],
    ['closed', 'awarded'],
  ])('refuses %s → %s', (from, to) => {
    expect(canTransitionGrant(convertible(from), to)).toBe(false);
  });

  it('never offers conversion to a grant that is not convertible', () => {
    expect(canTransitionGrant(plain('milestones-met'), 'converted')).toBe(false);
    expect(allowedGrantTransitions(plain('milestones-met'))).toEqual(['closed']);
    expect(allowedGrantTransitions(convertible('milestones-met'))).toEqual(['converted', 'closed']);
  });

  it('has converted and closed as final states', () => {
    expect(GRANT_STATUSES.filter((s) => allowedGrantTransitions(convertible(s)).length === 0)).toEqual(['converted', 'closed']);
  });

  it('moves on from awarded only when every milestone is met', () => {
    expect(statusAfterMilestones([true, false])).toBe('awarded');
    expect(statusAfterMilestones([true, true])).toBe('milestones-met');
    expect(statusAfterMilestones([])).toBe('awarded');
  });

  it('recognises stored status strings', () => {
    expect(isGrantStatus('milestones-met')).toBe(true);
    expect(isGrantStatus('已拨付')).toBe(false);
  });
});

describe('grant conversion rules (拨转投)', () => {
  const grant = (over: Partial<ConvertibleGrant> = {}): ConvertibleGrant => ({
    status: 'milestones-met',
    convertible: true,
    amount: new Decimal('1000000.00'),
    convertedAmount: null,
    ...over,
  });

  it('converts the whole grant or a part of it', () => {
    expect(conversionRefusal(grant(), new Decimal('1000000.00'))).toBeUndefined();
    expect(conversionRefusal(grant(), new Decimal('0.01'))).toBeUndefined();
  });

  it('refuses a converted amount above the grant, even by one fen (exact decimals)', () => {
    expect(conversionRefusal(grant(), new Decimal('1000000.01'))).toEqual({ kind: 'amount', reason: 'cannot exceed the granted amount 1000000.00' });
    // 0.1 + 0.2 as a float is 0.30000000000000004 and would be refused; as decimals it equals the grant.
    expect(conversionRefusal(grant({ amount: new Decimal('0.30') }), new Decimal('0.1').plus('0.2'))).toBeUndefined();
  });

  it('refuses a converted amount of 0', () => {
    expect(conversionRefusal(grant(), new Decimal('0'))).toMatchObject({ kind: 'amount', reason: 'must be greater than 0' });
  });

  it('converts a grant at most once', () => {
    expect(conversionRefusal(grant({ status: 'converted', convertedAmount: new Decimal('500000.00') }), new Decimal('1.00'))).toEqual({
      kind: 'transition',
      currentState: 'converted',
      allowedTransitions: [],
      reason: 'the grant was already converted; a grant converts at most once',
    });
    // Even if a status were ever out of step, a recorded conversion amount still blocks a second one.
    expect(conversionRefusal(grant({ convertedAmount: new Decimal('1.00') }), new Decimal('1.00'))).toMatchObject({ kind: 'transition' });
  });

  it('refuses a grant that is not convertible, with what it may still do', () => {
    expect(conversionRefusal(grant({ convertible: false }), new Decimal('1.00'))).toMatchObject({
      kind: 'transition',
      currentState: 'milestones-met',
      allowedTransitions: ['closed'],
    });
  });

  it('refuses while milestones are pending, and after closing', () => {
    expect(conversionRefusal(grant({ status: 'awarded' }), new Decimal('1.00'))).toMatchObject({
      kind: 'transition',
      currentState: 'awarded',
      allowedTransitions: ['milestones-met', 'closed'],
    });
    expect(conversionRefusal(grant({ status: 'closed' }), new Decimal('1.00'))).toMatchObject({ kind: 'transition', currentState: 'closed', allowedTransitions: [] });
  });
});
