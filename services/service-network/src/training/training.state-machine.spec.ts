import { ConflictException } from '@nestjs/common';
import { assertTransition, canTransition } from '../common/state-machine';
import { EnrolmentStateMachine, type EnrolmentStatus } from './enrolment.state-machine';
import { TrainingSessionStateMachine, type TrainingSessionStatus } from './training-session.state-machine';

describe('TrainingSessionStateMachine 培训班次状态', () => {
  it.each<[TrainingSessionStatus, TrainingSessionStatus]>([
    ['planned', 'in-progress'],
    ['in-progress', 'completed'],
  ])('allows %s → %s', (from, to) => expect(canTransition(TrainingSessionStateMachine, from, to)).toBe(true));

  it.each<[TrainingSessionStatus, TrainingSessionStatus]>([
    ['planned', 'completed'],
    ['in-progress', 'planned'],
    ['completed', 'in-progress'],
    ['completed', 'planned'],
  ])('refuses %s → %s with 409', (from, to) => {
    expect(canTransition(TrainingSessionStateMachine, from, to)).toBe(false);
    expect(() => assertTransition(TrainingSessionStateMachine, from, to)).toThrow(ConflictException);
  });
});

describe('EnrolmentStateMachine 报名状态', () => {
  it.each<[EnrolmentStatus, EnrolmentStatus]>([
    ['enrolled', 'completed'],
    ['enrolled', 'withdrawn'],
  ])('allows %s → %s', (from, to) => expect(canTransition(EnrolmentStateMachine, from, to)).toBe(true));

  it.each<[EnrolmentStatus, EnrolmentStatus]>([
    ['withdrawn', 'completed'],
    ['completed', 'withdrawn'],
    ['completed', 'enrolled'],
    ['withdrawn', 'enrolled'],
  ])('refuses %s → %s with 409 naming the current state', (from, to) => {
    try {
      assertTransition(EnrolmentStateMachine, from, to);
      throw new Error('expected a conflict');
    } catch (error) {
      expect(error).toBeInstanceOf(ConflictException);
      expect((error as ConflictException).getResponse()).toMatchObject({ currentState: from, allowedTransitions: [] });
    }
  });
});
