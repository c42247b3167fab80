import { AwardChallengeCommand, awardExceedsReward } from './award-challenge.command';

describe('award rules (揭榜金额)', () => {
  it.each([
    ['3000000.00', '3000000.00', false],
    ['2999999.99', '3000000.00', false],
    ['3000000.01', '3000000.00', true],
    ['10000000', '3000000.00', true],
  ])('%s against a reward of %s exceeds: %s', (amount, reward, exceeds) => {
    expect(awardExceedsReward(amount, reward)).toBe(exceeds);
  });

  it('needs the version the coordinator read', () => {
    const result = AwardChallengeCommand.safeParse({ applicationId: 'app-1' });
    expect(result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.code])).toEqual([['version', 'invalid_type']]);
  });
});
