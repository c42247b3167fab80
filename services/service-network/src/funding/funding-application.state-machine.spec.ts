import { ConflictException } from '@nestjs/common';
import { assertTransition, canTransition } from '../common/state-machine';
import { FundingApplicationStateMachine as sut, reviewScoreOf, type FundingApplicationStatus } from './funding-application.state-machine';

describe('FundingApplicationStateMachine 专项资金申请状态', () => {
  it.each<[FundingApplicationStatus, FundingApplicationStatus]>([
    ['applied', 'reviewed'],
    ['reviewed', 'granted'],
    ['reviewed', 'declined'],
  ])('allows %s → %s', (from, to) => {
    expect(canTransition(sut, from, to)).toBe(true);
  });

  it.each<[FundingApplicationStatus, FundingApplicationStatus]>([
    ['applied', 'granted'],
    ['applied', 'declined'],
    ['granted', 'declined'],
    ['declined', 'granted'],
    ['granted', 'reviewed'],
  ])('refuses %s → %s with 409 and the allowed transitions', (from, to) => {
    expect(canTransition(sut, from, to)).toBe(false);
    expect(() => assertTransition(sut, from, to)).toThrow(ConflictException);
    try {
      assertTransition(sut, from, to);
    } catch (error) {
      expect((error as ConflictException).getResponse()).toMatchObject({ currentState: from, allowedTransitions: sut.transitions[from] });
    }
  });
});

describe('reviewScoreOf 专家评审均分', () => {
  it.each<[number[], string]>([
    [[90], '90.00'],
    [[85, 86, 86], '85.67'],
    [[80, 85], '82.50'],
    [[0, 0, 1], '0.33'],
    [[100, 100, 100], '100.00'],
  ])('averages %j to %s', (scores, expected) => {
    expect(reviewScoreOf(scores)).toBe(expected);
  });

  it('refuses an empty review', () => {
    expect(() => reviewScoreOf([])).toThrow();
  });
});
