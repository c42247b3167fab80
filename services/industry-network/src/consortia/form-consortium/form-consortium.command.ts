import { z } from 'zod';
import { Id, IndustryField, Institution, Name, Text } from '@tjc/contracts';
import { PastOrToday } from '../../shared/business-time';
import { MEMBER_REGIONS } from '../consortium.state-machine';

export const ConsortiumMemberInput = Institution.extend({
  region: z.enum(MEMBER_REGIONS, { error: '成员须为北京、河北或雄安的机构 / members must be institutions from Beijing, Hebei or Xiong’an' }),
});
export type ConsortiumMemberInput = z.output<typeof ConsortiumMemberInput>;

/** Members, each named once: a duplicate is reported at the second occurrence. */
export const ConsortiumMembers = z
  .array(ConsortiumMemberInput)
  .max(50)
  .superRefine((members, ctx) => {
    const seen = new Set<string>();
    members.forEach((m, i) => {
      if (seen.has(m.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `成员重复：${m.name} / duplicate member` });
      seen.add(m.name);
    });
  });

export const FormConsortiumCommand = z.object({
  name: Name.meta({ description: '联合体名称 / Name' }),
  topic: Text(500).meta({ description: '关键核心技术攻关方向 / The key core technology researched jointly' }),
  field: IndustryField.schema,
  leadEnterpriseId: Id.meta({ description: '牵头企业（须为已登记的天津企业） / Lead enterprise: a registered Tianjin enterprise' }),
  members: ConsortiumMembers.min(1).meta({ description: '成员（北京、河北或雄安的机构），同名机构只列一次 / Members from Beijing, Hebei or Xiong’an, each name once' }),
  formedOn: PastOrToday.optional().meta({ description: '组建日期（业务时间），默认今天；演示可回放往年 / Formation date; defaults to today' }),
  projectId: Id.optional().meta({ description: '来源项目（科研网络遴选出的项目） / The found project it was formed from' }),
  suggestionId: Id.optional().meta({ description: '采纳的推荐（项目×需求） / The suggestion taken up' }),
});
export type FormConsortiumCommand = z.output<typeof FormConsortiumCommand>;
