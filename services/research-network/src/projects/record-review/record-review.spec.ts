import { summariseReviews } from './record-review.handler';

describe('screening verdict', () => {
  it('averages the scores and passes at the bar', () => {
    expect(summariseReviews([88, 91, 85], 70)).toEqual({ averageScore: 88, passed: true });
    expect(summariseReviews([70, 70, 70], 70)).toEqual({ averageScore: 70, passed: true });
  });

  it('fails below the bar', () => {
    expect(summariseReviews([60, 75, 70], 70)).toEqual({ averageScore: 68.33, passed: false });
  });

  it('rounds the average to two decimals', () => {
    expect(summariseReviews([80, 81, 81], 70).averageScore).toBe(80.67);
  });

  it('refuses an empty panel rather than dividing by zero', () => {
    expect(() => summariseReviews([], 70)).toThrow('no reviews');
  });
});
