import { z } from 'zod';
import { Attribution } from '../attribution';
import { defineEvent } from '../define-event';
import { compareDecimal, Enterprise, Id, Institution, LocalDate, Money, Name, Text } from '../primitives';
import { SourceSchema } from '../sources';
import { IndustryField } from '../vocabulary';

const BudgetRange = z
  .object({ min: Money, max: Money })
  .refine((b) => compareDecimal(b.min.amount, b.max.amount) <= 0, { message: 'min must not exceed max', path: ['min'] });

export const DemandPosted = defineEvent({
  type: 'industry.demand.posted.v1',
  version: '1.0',
  topic: 'industry',
  aggregate: 'demand',
  title: { zh: '发布技术需求', en: 'Technology demand posted' },
  description: 'An enterprise posted a key-technology demand on the demand list (产业技术需求清单).',
  data: z.object({
    demandId: Id,
    enterprise: Enterprise,
    field: IndustryField.schema,
    title: Name,
    problem: Text(4000),
    budget: BudgetRange.optional(),
    deadline: LocalDate.optional(),
  }),
  subjectOf: (d) => d.demandId,
  headlineOf: (d) => d.title,
  publishers: ['tjc/industry-network'],
  confidentiality: 'public',
  examples: [
    {
      demandId: 'dm-2024-0007',
      enterprise: { id: 'ent-zhonghuan', name: 'TCL中环新能源科技股份有限公司', region: 'tianjin', isKeyEnterprise: true, isChainLeader: true, field: 'new-energy' },
      field: 'new-energy',
      title: '大尺寸硅片低损耗切割工艺',
      problem: '现有金刚线切割损耗高，需要新工艺将损耗降低30%以上。',
      budget: { min: { amount: '2000000.00', currency: 'CNY' }, max: { amount: '5000000.00', currency: 'CNY' } },
      deadline: '2024-12-31',
    },
  ],
});

export const ChallengePublished = defineEvent({
  type: 'industry.challenge.published.v1',
  version: '1.0',
  topic: 'industry',
  aggregate: 'challenge',
  title: { zh: '发布揭榜挂帅榜单', en: 'Open challenge published' },
  description: 'A demand was published as an open challenge (揭榜挂帅), in Beijing via HQ when `publishedViaHq`.',
  data: z.object({
    challengeId: Id,
    demandId: Id,
    title: Name,
    field: IndustryField.schema,
    enterprise: Enterprise,
    reward: Money,
    deadline: LocalDate,
    publishedViaHq: z.boolean(),
  }),
  subjectOf: (d) => d.challengeId,
  headlineOf: (d) => d.title,
  publishers: ['tjc/industry-network'],
  confidentiality: 'public',
  examples: [
    {
      challengeId: 'ch-2024-0003',
      demandId: 'dm-2024-0007',
      title: '大尺寸硅片低损耗切割工艺揭榜',
      field: 'new-energy',
      enterprise: { id: 'ent-zhonghuan', name: 'TCL中环新能源科技股份有限公司', region: 'tianjin', isKeyEnterprise: true },
      reward: { amount: '3000000.00', currency: 'CNY' },
      deadline: '2024-09-30',
      publishedViaHq: true,
    },
  ],
});

export const ChallengeAwarded = defineEvent({
  type: 'industry.challenge.awarded.v1',
  version: '1.0',
  topic: 'industry',
  aggregate: 'challenge',
  title: { zh: '揭榜成功', en: 'Open challenge awarded' },
  description: 'One applicant institution was awarded the challenge.',
  data: z.object({
    challengeId: Id,
    applicationId: Id,
    winner: Institution,
    amount: Money,
  }),
  subjectOf: (d) => d.challengeId,
  headlineOf: (d) => d.winner.name,
  publishers: ['tjc/industry-network'],
  confidentiality: 'public',
  examples: [
    {
      challengeId: 'ch-2024-0003',
      applicationId: 'app-0012',
      winner: { name: '北京大学', region: 'beijing', type: 'university' },
      amount: { amount: '3000000.00', currency: 'CNY' },
    },
  ],
});

export const ConsortiumFormed = defineEvent({
  type: 'industry.consortium.formed.v1',
  version: '1.1',
  topic: 'industry',
  aggregate: 'consortium',
  title: { zh: '组建创新联合体', en: 'Innovation consortium formed' },
  description:
    'An innovation consortium (创新联合体) for joint research on a key core technology was formed: a lead Tianjin enterprise with member institutions from Beijing/Hebei. Counts towards the KPI "key Tianjin enterprises in joint research" by distinct lead enterprise.',
  data: z.object({
    consortiumId: Id,
    name: Name,
    topic: Text(500).meta({ description: '关键核心技术攻关方向 / The key core technology researched jointly' }),
    field: IndustryField.schema,
    leadEnterprise: Enterprise,
    members: z.array(Institution).min(1),
    formedOn: LocalDate,
    projectId: Id.optional(),
    challengeId: Id.optional(),
    attribution: Attribution.optional().meta({
      description: '组织方及天津中心的角色；“联合攻关”指标只计天津中心组织推动或联合组织的联合体 / Who organised it and the center’s part; the KPI counts only consortia the center organised or co-organised',
    }),
    restates: z
      .object({ source: SourceSchema, eventId: Id, consortiumId: Id })
      .optional()
      .meta({
        description:
          '产业网络对合作方上报的联合体的权威陈述：牵头企业按重点企业名单（组建日）核定；被复述的上报不再另行生效 / The industry network restating a consortium a partner reported, its lead judged against the key-enterprise registry at the formation date; consumers that acted on the report must not act again',
      }),
  }),
  subjectOf: (d) => d.consortiumId,
  headlineOf: (d) => d.name,
  publishers: ['tjc/industry-network', 'partner/beijing-hq', 'partner/hebei-center'],
  confidentiality: 'public',
  examples: [
    {
      consortiumId: 'cs-2024-0001',
      name: '太赫兹通信芯片创新联合体',
      topic: '6G太赫兹通信芯片关键核心技术攻关',
      field: 'integrated-circuits',
      leadEnterprise: { id: 'ent-feiteng', name: '飞腾信息技术有限公司', region: 'tianjin', isKeyEnterprise: true, isChainLeader: true },
      members: [
        { name: '北京大学', region: 'beijing', type: 'university' },
        { name: '河北工业大学', region: 'hebei', type: 'university' },
      ],
      formedOn: '2024-06-18',
      projectId: 'rp-2024-0001',
      attribution: { centerRole: 'own', organiser: { name: '天津中心', source: 'tjc/industry-network' } },
    },
    {
      consortiumId: 'cs-0190f2a0-7c1e-7000-8000-00000000000b',
      name: '碳纤维复合材料创新联合体',
      topic: '低成本碳纤维复合材料连续化制备',
      field: 'new-materials',
      leadEnterprise: { id: 'ent-tjcarbon', name: '天津碳纤维新材料有限公司', region: 'tianjin', isKeyEnterprise: false },
      members: [{ name: '河北工业大学', region: 'hebei', type: 'university' }],
      formedOn: '2024-08-01',
      attribution: { centerRole: 'joint', organiser: { name: '河北中心', source: 'partner/hebei-center' } },
      restates: { source: 'partner/hebei-center', eventId: 'hb-cs-2024-002-formed', consortiumId: 'hb-cs-2024-002' },
    },
  ],
  partnerExamples: [
    {
      source: 'partner/hebei-center',
      summary: 'The Hebei Center reports a consortium it organised with the Tianjin Center around a Tianjin lead enterprise',
      data: {
        consortiumId: 'hb-cs-2024-002',
        name: '绿色石化催化材料创新联合体',
        topic: '绿色石化高效催化材料关键核心技术攻关',
        field: 'green-petrochemical',
        leadEnterprise: { id: 'ent-bohai-chem', name: '天津渤海化工集团有限责任公司', region: 'tianjin', isKeyEnterprise: true },
        members: [{ name: '河北工业大学', region: 'hebei', type: 'university' }],
        formedOn: '2024-08-06',
        attribution: { centerRole: 'joint', organiser: { name: '河北中心', source: 'partner/hebei-center' } },
      },
    },
  ],
});

export const ConsortiumMilestoneReached = defineEvent({
  type: 'industry.consortium.milestone-reached.v1',
  version: '1.0',
  topic: 'industry',
  aggregate: 'consortium',
  title: { zh: '联合攻关里程碑达成', en: 'Joint research milestone reached' },
  description: 'A milestone of the consortium’s joint research was reached.',
  data: z.object({
    consortiumId: Id,
    milestoneId: Id,
    title: Name,
    reachedOn: LocalDate,
    note: Text(2000).optional(),
  }),
  subjectOf: (d) => d.consortiumId,
  headlineOf: (d) => d.title,
  publishers: ['tjc/industry-network'],
  confidentiality: 'public',
  examples: [{ consortiumId: 'cs-2024-0001', milestoneId: 'ms-1', title: '完成流片验证', reachedOn: '2024-11-20' }],
});
