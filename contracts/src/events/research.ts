import { z } from 'zod';
import { Attribution } from '../attribution';
import { defineEvent } from '../define-event';
import { Id, Institution, Money, Name, Text } from '../primitives';
import { IndustryField, Region, RejectionReason } from '../vocabulary';

const PROJECT_PUBLISHERS = ['tjc/research-network', 'partner/beijing-hq', 'partner/hebei-center', 'partner/xiongan-center'] as const;

const TeamMember = z.object({ name: Name, role: Text(100).optional() });

const Trl = z.number().int().min(1).max(9).meta({ description: '技术成熟度 (TRL 1–9) / Technology readiness level' });

export const ProjectSubmitted = defineEvent({
  type: 'research.project.submitted.v1',
  version: '1.0',
  topic: 'research',
  aggregate: 'project',
  title: { zh: '项目已提交', en: 'Project submitted' },
  description: 'An original or disruptive technology project entered the research network pipeline. Confidential detail is never in the event; only the summary.',
  data: z.object({
    projectId: Id,
    title: Name,
    institution: Institution,
    field: IndustryField.schema,
    trl: Trl,
    team: z.array(TeamMember).min(1).max(50),
    summary: Text(2000),
    submittedVia: z.enum(['coordinator', 'partner']).optional(),
  }),
  subjectOf: (d) => d.projectId,
  headlineOf: (d) => d.title,
  publishers: PROJECT_PUBLISHERS,
  confidentiality: 'public',
  examples: [
    {
      projectId: 'rp-2024-0001',
      title: '面向6G的太赫兹通信芯片',
      institution: { name: '天津大学', region: 'tianjin', type: 'university' },
      field: 'integrated-circuits',
      trl: 4,
      team: [{ name: '王明', role: '负责人' }],
      summary: '基于新型材料的太赫兹收发芯片，功耗降低40%。',
    },
  ],
  partnerExamples: [
    {
      source: 'partner/hebei-center',
      summary: 'The Hebei Center submits a project to the research network pipeline',
      data: {
        projectId: 'hb-2024-011',
        title: '钢铁行业氢冶金关键装备',
        institution: { name: '燕山大学', region: 'hebei', type: 'university' },
        field: 'high-end-equipment',
        trl: 4,
        team: [{ name: '赵强', role: '负责人' }],
        summary: '氢基竖炉关键装备国产化，吨钢碳排放降低三成以上。',
        submittedVia: 'partner',
      },
    },
  ],
});

export const ProjectScreened = defineEvent({
  type: 'research.project.screened.v1',
  version: '1.0',
  topic: 'research',
  aggregate: 'project',
  title: { zh: '项目已完成专家评审', en: 'Project screened by experts' },
  description: 'Experts from the expert pool (专家库) reviewed the project; scores are 0–100.',
  data: z.object({
    projectId: Id,
    reviews: z
      .array(
        z.object({
          expertId: Id,
          expertName: Name,
          expertRegion: Region.schema,
          score: z.number().min(0).max(100),
          comment: Text(2000).optional(),
        }),
      )
      .min(3, 'at least three experts review a project'),
    averageScore: z.number().min(0).max(100),
    passed: z.boolean(),
  }),
  subjectOf: (d) => d.projectId,
  headlineOf: () => null,
  publishers: ['tjc/research-network'],
  confidentiality: 'public',
  examples: [
    {
      projectId: 'rp-2024-0001',
      reviews: [
        { expertId: 'ex-001', expertName: '李华', expertRegion: 'beijing', score: 88 },
        { expertId: 'ex-002', expertName: '张伟', expertRegion: 'hebei', score: 91, comment: '创新性突出' },
        { expertId: 'ex-003', expertName: '刘洋', expertRegion: 'tianjin', score: 85 },
      ],
      averageScore: 88,
      passed: true,
    },
  ],
});

export const ProjectFound = defineEvent({
  type: 'research.project.found.v1',
  version: '1.1',
  topic: 'research',
  aggregate: 'project',
  title: { zh: '遴选出原创性颠覆性技术项目', en: 'Original/disruptive technology project found' },
  description:
    'The project was selected as an original or disruptive technology after expert review and joint demonstration (论证) with HQ. Counts towards the KPI "original/disruptive technology achievements selected". Partners (HQ, Hebei) publish projects they found the same way.',
  data: z.object({
    projectId: Id,
    title: Name,
    institution: Institution,
    field: IndustryField.schema,
    trl: Trl,
    demonstration: z.object({
      withHq: z.boolean().meta({ description: '是否与本部联合论证 / Jointly demonstrated with HQ' }),
      conclusion: Text(2000),
    }),
    landingPlan: z
      .object({
        summary: Text(2000),
        targetPark: Name.optional(),
        fundingNeed: Money.optional(),
      })
      .optional()
      .meta({ description: '在津落地计划 / Plan to land in Tianjin; the fund network opens an opportunity when present' }),
    attribution: Attribution.optional().meta({
      description: '遴选方及天津中心的角色；“遴选成果”指标只计天津中心遴选或与本部联合论证的项目 / Who selected it and the center’s part; the KPI counts only projects the center selected or demonstrated jointly with HQ',
    }),
    platformProjectId: Id.optional().meta({
      description:
        '平台项目编号：合作方报告的是天津中心平台上已有的同一项目（如与本部联合论证）时填写，该报告作为平台项目的共同报告记录，指标只计一次 / The Tianjin platform\'s id of the same project (e.g. jointly demonstrated with HQ): the report is linked to it as a co-report and the KPI counts the project once',
    }),
  }),
  subjectOf: (d) => d.projectId,
  headlineOf: (d) => d.title,
  publishers: PROJECT_PUBLISHERS,
  confidentiality: 'public',
  examples: [
    {
      projectId: 'rp-2024-0001',
      title: '面向6G的太赫兹通信芯片',
      institution: { name: '天津大学', region: 'tianjin', type: 'university' },
      field: 'integrated-circuits',
      trl: 5,
      demonstration: { withHq: true, conclusion: '与本部联合论证通过，具备颠覆性。' },
      landingPlan: { summary: '在天开高教科创园建设中试线', targetPark: '天开高教科创园', fundingNeed: { amount: '5000000.00', currency: 'CNY' } },
      attribution: { centerRole: 'joint', organiser: { name: '天津中心', source: 'tjc/research-network' } },
    },
    {
      projectId: 'hq-2024-017',
      title: '固态锂电池电解质',
      institution: { name: '清华大学', region: 'beijing', type: 'university' },
      field: 'new-energy',
      trl: 6,
      demonstration: { withHq: true, conclusion: '本部遴选' },
    },
  ],
  partnerExamples: [
    {
      source: 'partner/beijing-hq',
      summary: 'HQ reports, under its own id, a project the platform already has (joint demonstration): platformProjectId links it as a co-report, and the KPI counts the project once',
      data: {
        projectId: 'hq-2024-031',
        title: '面向6G的太赫兹通信芯片',
        institution: { name: '天津大学', region: 'tianjin', type: 'university' },
        field: 'integrated-circuits',
        trl: 5,
        demonstration: { withHq: true, conclusion: '本部与天津中心联合论证通过。' },
        platformProjectId: 'rp-2024-0001',
        attribution: { centerRole: 'joint', organiser: { name: '京津冀国家技术创新中心本部', source: 'partner/beijing-hq' } },
      },
    },
    {
      source: 'partner/beijing-hq',
      summary: 'HQ reports a project it demonstrated jointly with the Tianjin Center (counts: joint)',
      data: {
        projectId: 'hq-2024-021',
        title: '高通量单细胞测序仪',
        institution: { name: '北京大学', region: 'beijing', type: 'university' },
        field: 'biomedicine',
        trl: 5,
        demonstration: { withHq: true, conclusion: '本部与天津中心联合论证通过。' },
        landingPlan: { summary: '在天开高教科创园开展中试', targetPark: '天开高教科创园' },
        attribution: { centerRole: 'joint', organiser: { name: '京津冀国家技术创新中心本部', source: 'partner/beijing-hq' } },
      },
    },
    {
      source: 'partner/beijing-hq',
      summary: 'HQ reports a project it selected on its own (recorded, not counted towards the Tianjin Center: partner-only)',
      data: {
        projectId: 'hq-2024-017',
        title: '固态锂电池电解质',
        institution: { name: '清华大学', region: 'beijing', type: 'university' },
        field: 'new-energy',
        trl: 6,
        demonstration: { withHq: true, conclusion: '本部遴选' },
        attribution: { centerRole: 'partner-only', organiser: { name: '京津冀国家技术创新中心本部', source: 'partner/beijing-hq' } },
      },
    },
    {
      source: 'partner/hebei-center',
      summary: 'The Hebei Center reports a project selected with the Tianjin Center and demonstrated with HQ',
      data: {
        projectId: 'hb-2024-009',
        title: '氢能重卡燃料电池电堆',
        institution: { name: '河北工业大学', region: 'hebei', type: 'university' },
        field: 'new-energy',
        trl: 5,
        demonstration: { withHq: true, conclusion: '与本部联合论证通过。' },
        attribution: { centerRole: 'joint', organiser: { name: '河北中心', source: 'partner/hebei-center' } },
      },
    },
  ],
});

export const ProjectRejected = defineEvent({
  type: 'research.project.rejected.v1',
  version: '1.0',
  topic: 'research',
  aggregate: 'project',
  title: { zh: '项目未通过', en: 'Project rejected' },
  description: 'The project was rejected at screening or demonstration, with a structured reason kept for analysis.',
  data: z.object({
    projectId: Id,
    stage: z.enum(['screening', 'demonstration']),
    reason: RejectionReason.schema,
    detail: Text(2000).optional(),
  }),
  subjectOf: (d) => d.projectId,
  headlineOf: () => null,
  publishers: ['tjc/research-network'],
  confidentiality: 'public',
  examples: [{ projectId: 'rp-2024-0002', stage: 'screening', reason: 'immature-technology', detail: '仍处于实验室原理验证阶段' }],
});

export const AchievementListed = defineEvent({
  type: 'research.achievement.listed.v1',
  version: '1.0',
  topic: 'research',
  aggregate: 'achievement',
  title: { zh: '成果列入供给清单', en: 'Achievement listed on the supply list' },
  description:
    'An achievement was put on the supply list (科技成果供给清单) and is available for transfer. Partners in Beijing and Hebei offer achievements for transfer to Tianjin with this event.',
  data: z.object({
    achievementId: Id,
    title: Name,
    field: IndustryField.schema,
    owner: Institution,
    summary: Text(2000),
    ipKind: z.enum(['patent', 'software-copyright', 'know-how', 'new-variety', 'other']).optional(),
    askingPrice: Money.optional(),
    projectId: Id.optional(),
  }),
  subjectOf: (d) => d.achievementId,
  headlineOf: (d) => d.title,
  publishers: ['tjc/research-network', 'partner/beijing-hq', 'partner/hebei-center', 'partner/xiongan-center'],
  confidentiality: 'public',
  examples: [
    {
      achievementId: 'ach-hb-2024-003',
      title: '高性能碳纤维复合材料制备技术',
      field: 'new-materials',
      owner: { name: '河北工业大学', region: 'hebei', type: 'university' },
      summary: '低成本碳纤维复合材料连续化制备工艺。',
      ipKind: 'patent',
    },
  ],
  partnerExamples: [
    {
      source: 'partner/hebei-center',
      summary: 'The Hebei Center offers an achievement for transfer to Tianjin (the example of docs/partners.md)',
      data: {
        achievementId: 'ach-hb-2024-003',
        title: '高性能碳纤维复合材料制备技术',
        field: 'new-materials',
        owner: { name: '河北工业大学', region: 'hebei', type: 'university' },
        summary: '低成本碳纤维复合材料连续化制备工艺。',
        ipKind: 'patent',
      },
    },
    {
      source: 'partner/xiongan-center',
      summary: "The Xiong'an Center offers an achievement for transfer to Tianjin",
      data: {
        achievementId: 'ach-xa-2024-001',
        title: '雄安新区智能建造数字孪生平台',
        field: 'information-innovation',
        owner: { name: '雄安新区智能城市创新联合会', region: 'xiongan', type: 'other' },
        summary: '面向城市级工程的数字孪生建造管理平台。',
        ipKind: 'software-copyright',
      },
    },
  ],
});
