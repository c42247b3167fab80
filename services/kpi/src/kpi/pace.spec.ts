import { paceOf } from './pace';

describe('paceOf', () => {
  it('expects target × elapsed share and forecasts linearly to the year end', () => {
    expect(paceOf(10, 4, 0.5)).toEqual({ elapsedShare: 0.5, expected: 5, forecast: 8, progress: 0.4, behind: true });
    expect(paceOf(800, 420, 0.5)).toEqual({ elapsedShare: 0.5, expected: 400, forecast: 840, progress: 0.53, behind: false });
    expect(paceOf(5, 5, 0.25)).toMatchObject({ expected: 1.25, forecast: 20, behind: false });
  });

  it('is behind only when lacking whole units', () => {
    expect(paceOf(10, 0, 0.05).behind).toBe(false); // expected 0.5
    expect(paceOf(10, 0, 0.1).behind).toBe(true); // expected 1
    expect(paceOf(10, 5, 0.5).behind).toBe(false);
  });

  it('bounds the forecast early in the year and never forecasts below the actual', () => {
    expect(paceOf(10, 2, 0.01).forecast).toBe(24); // divides by 1/12, not 0.01
    expect(paceOf(10, 3, 0).forecast).toBe(3);
    expect(paceOf(10, 3, 0)).toMatchObject({ expected: 0, behind: false });
  });

  it('at the year end the forecast is the actual and expected is the target', () => {
    expect(paceOf(10, 9, 1)).toEqual({ elapsedShare: 1, expected: 10, forecast: 9, progress: 0.9, behind: true });
    expect(paceOf(10, 12, 1.3)).toMatchObject({ elapsedShare: 1, forecast: 12, behind: false, progress: 1.2 });
  });

  it('has no progress ratio for a zero target', () => {
    expect(paceOf(0, 3, 0.5)).toMatchObject({ progress: null, expected: 0, behind: false });
  });
});
