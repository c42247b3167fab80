import { AwardGrantCommand } from './award-grant.command';

const valid = {
  fundId: 'fund-jjj-transfer',
  grantee: { name: '天津太赫兹科技有限公司', region: 'tianjin' },
  amount: { amount: '1000000.00', currency: 'CNY' },
  awardedOn: '2024-07-10',
  convertible: true,
  milestones: [{ title: '样机验证', due: '2024-10-31' }],
};
const issues = (input: unknown) => {
  const result = AwardGrantCommand.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}:${i.code}`);
};

describe('award-grant command', () => {
  it('accepts a grant with milestones due on or after the award', () => {
    expect(issues(valid)).toEqual([]);
    expect(issues({ ...valid, milestones: [{ title: '当日验收', due: '2024-07-10' }] })).toEqual([]);
  });

  it('names the milestone whose due date is before the award', () => {
    expect(issues({ ...valid, milestones: [{ title: '样机验证', due: '2024-10-31' }, { title: '补报材料', due: '2024-07-09' }] })).toEqual(['milestones.1.due:custom']);
  });

  it('needs between 1 and 50 milestones', () => {
    expect(issues({ ...valid, milestones: [] })).toEqual(['milestones:too_small']);
    expect(issues({ ...valid, milestones: Array.from({ length: 51 }, (_, i) => ({ title: `里程碑${i + 1}`, due: '2024-12-31' })) })).toEqual(['milestones:too_big']);
  });
});
