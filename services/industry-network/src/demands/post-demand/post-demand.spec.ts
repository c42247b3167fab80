import { PostDemandCommand } from './post-demand.command';

const valid = {
  enterpriseId: 'ent-zhonghuan',
  field: 'new-energy',
  title: '大尺寸硅片低损耗切割工艺',
  problem: '现有金刚线切割损耗高，需要新工艺将损耗降低30%以上。',
  budget: { min: { amount: '2000000.00', currency: 'CNY' }, max: { amount: '5000000.00', currency: 'CNY' } },
  deadline: '2024-12-31',
  postedOn: '2024-03-15',
};

const issuesOf = (input: unknown) => {
  const result = PostDemandCommand.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
};

describe('PostDemandCommand rules (产业技术需求)', () => {
  it('accepts a complete demand', () => expect(issuesOf(valid)).toEqual([]));

  it('refuses a budget whose minimum exceeds its maximum', () => {
    expect(issuesOf({ ...valid, budget: { min: valid.budget.max, max: valid.budget.min } })).toEqual([{ path: 'budget.min', code: 'custom' }]);
  });

  it('refuses a float amount, naming the field', () => {
    expect(issuesOf({ ...valid, budget: { ...valid.budget, max: { amount: '5000000.123', currency: 'CNY' } } })).toEqual([{ path: 'budget.max.amount', code: 'invalid_format' }]);
  });

  it('refuses a deadline before the posting date', () => {
    expect(issuesOf({ ...valid, deadline: '2024-03-14' })).toEqual([{ path: 'deadline', code: 'custom' }]);
  });

  it('refuses an unknown industry field', () => {
    expect(issuesOf({ ...valid, field: '光伏' })).toEqual([{ path: 'field', code: 'invalid_value' }]);
  });
});
