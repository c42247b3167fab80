import { describe, expect, it } from 'vitest';
import { fundingActions, reviewScorePreview } from './funding';

describe('fundingActions', () => {
  it('offers only what the state allows', () => {
    expect(fundingActions(['reviewed'])).toEqual({ review: true, grant: false, decline: false });
    expect(fundingActions(['granted', 'declined'])).toEqual({ review: false, grant: true, decline: true });
    expect(fundingActions([])).toEqual({ review: false, grant: false, decline: false });
  });
});

describe('reviewScorePreview', () => {
  // The service's own cases (funding-application.state-machine.spec.ts reviewScoreOf).
  it.each<[number[], string]>([
    [[90], '90.00'],
    [[85, 86, 86], '85.67'],
    [[80, 85], '82.50'],
    [[0, 0, 1], '0.33'],
    [[100, 100, 100], '100.00'],
  ])('averages %j to %s, as the service stores it', (scores, expected) => {
    expect(reviewScorePreview(scores)).toBe(expected);
  });
  it('shows nothing until every expert has a valid score', () => {
    expect(reviewScorePreview([])).toBeUndefined();
    expect(reviewScorePreview([90, undefined])).toBeUndefined();
    expect(reviewScorePreview([90, 101])).toBeUndefined();
    expect(reviewScorePreview([90.5])).toBeUndefined();
  });
});
