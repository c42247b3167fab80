import { buildGrants, isGranted } from './grants';
import { PARTNER_IDS } from './partner';

describe('grants', () => {
  it('follows the contracts’ publishers by default', () => {
    const { grants, problems } = buildGrants(PARTNER_IDS);
    expect(problems).toEqual([]);
    expect(isGranted(grants, 'beijing-hq', 'fund.investment.made.v1')).toBe(true);
    expect(isGranted(grants, 'hebei-center', 'industry.consortium.formed.v1')).toBe(true);
    expect(isGranted(grants, 'xiongan-center', 'research.achievement.listed.v1')).toBe(true);
    // Xiong'an is not among the publishers of investments or consortia.
    expect(isGranted(grants, 'xiongan-center', 'fund.investment.made.v1')).toBe(false);
    expect(isGranted(grants, 'xiongan-center', 'industry.consortium.formed.v1')).toBe(false);
    // Nobody outside the platform publishes screening results or KPI targets.
    expect(isGranted(grants, 'beijing-hq', 'research.project.screened.v1')).toBe(false);
    expect(isGranted(grants, 'beijing-hq', 'center.kpi.target-set.v1')).toBe(false);
    expect(isGranted(grants, 'beijing-hq', 'no.such.type.v1')).toBe(false);
  });

  it('PARTNER_GRANTS narrows one partner and leaves the others on the contracts', () => {
    const { grants, problems } = buildGrants(PARTNER_IDS, { 'hebei-center': ['research.achievement.listed.v1'] });
    expect(problems).toEqual([]);
    expect(isGranted(grants, 'hebei-center', 'research.achievement.listed.v1')).toBe(true);
    expect(isGranted(grants, 'hebei-center', 'fund.investment.made.v1')).toBe(false);
    expect(isGranted(grants, 'beijing-hq', 'fund.investment.made.v1')).toBe(true);
  });

  it('cannot widen the contracts: such a grant is a configuration problem', () => {
    const { problems } = buildGrants(PARTNER_IDS, { 'xiongan-center': ['fund.investment.made.v1', 'no.such.type.v1'] });
    expect(problems).toEqual([
      'PARTNER_GRANTS.xiongan-center: the contracts do not allow partner/xiongan-center to publish fund.investment.made.v1',
      'PARTNER_GRANTS.xiongan-center: "no.such.type.v1" is not an event type of the contracts catalogue',
    ]);
  });
});
