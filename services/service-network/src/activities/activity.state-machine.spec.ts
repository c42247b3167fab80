import { ConflictException } from '@nestjs/common';
import { assertTransition, canTransition } from '../common/state-machine';
import { ActivityStateMachine as sut, type ActivityStatus } from './activity.state-machine';

describe('ActivityStateMachine 活动状态', () => {
  it.each<[ActivityStatus, ActivityStatus]>([
    ['planned', 'held'],
    ['planned', 'cancelled'],
  ])('allows %s → %s', (from, to) => expect(canTransition(sut, from, to)).toBe(true));

  it.each<[ActivityStatus, ActivityStatus]>([
    ['held', 'cancelled'],
    ['held', 'held'],
    ['cancelled', 'held'],
    ['held', 'planned'],
  ])('refuses %s → %s with 409, currentState and allowedTransitions', (from, to) => {
    expect(canTransition(sut, from, to)).toBe(false);
    try {
      assertTransition(sut, from, to);
      throw new Error('expected a conflict');
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictException);
      expect((error as ConflictException).getResponse()).toMatchObject({ statusCode: 409, currentState: from, allowedTransitions: [] });
    }
  });
});
