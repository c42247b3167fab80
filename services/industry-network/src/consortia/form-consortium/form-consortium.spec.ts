import { FormConsortiumCommand } from './form-consortium.command';

const valid = {
  name: '太赫兹通信芯片创新联合体',
  topic: '6G太赫兹通信芯片关键核心技术攻关',
  field: 'integrated-circuits',
  leadEnterpriseId: 'ent-feiteng',
  members: [
    { name: '北京大学', region: 'beijing', type: 'university' },
    { name: '河北工业大学', region: 'hebei', type: 'university' },
  ],
};

const issuesOf = (input: unknown) => {
  const result = FormConsortiumCommand.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
};

describe('FormConsortiumCommand rules', () => {
  it('accepts Beijing, Hebei and Xiong’an members', () => {
    expect(issuesOf({ ...valid, members: [...valid.members, { name: '雄安创新研究院', region: 'xiongan' }] })).toEqual([]);
  });

  it('refuses a Tianjin institution as a member, naming the field', () => {
    expect(issuesOf({ ...valid, members: [valid.members[0], { name: '天津大学', region: 'tianjin' }] })).toEqual([{ path: 'members.1.region', code: 'invalid_value' }]);
  });

  it('refuses an empty member list', () => {
    expect(issuesOf({ ...valid, members: [] })).toEqual([{ path: 'members', code: 'too_small' }]);
  });

  it('refuses the same member twice', () => {
    expect(issuesOf({ ...valid, members: [valid.members[0], valid.members[0]] })).toEqual([{ path: 'members.1.name', code: 'custom' }]);
  });

  it('refuses a formation date in the future', () => {
    const nextYear = new Date().getUTCFullYear() + 1;
    expect(issuesOf({ ...valid, formedOn: `${nextYear}-06-18` })).toEqual([{ path: 'formedOn', code: 'custom' }]);
  });

  it('accepts a past formation date (the demo replays 2024)', () => {
    expect(issuesOf({ ...valid, formedOn: '2024-06-18' })).toEqual([]);
  });
});
