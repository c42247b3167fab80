/**
 * Demo data of the research network (科研网络): member institutions, the
 * expert pool (专家库), the 2024 project pipeline (submission → expert review
 * → joint demonstration with HQ → found / rejected), resource matching for
 * found projects, and the supply list (科技成果供给清单).
 *
 * Plain request bodies for the research-network API (services are never
 * imported: the demo talks HTTP). The API generates ids, so later steps refer
 * to earlier records by `key` (experts, projects); the demo maps keys to the
 * ids it gets back. Every step carries its business time, so replaying 2024
 * counts in 2024 whatever day the demo runs.
 *
 * Order of play: members → experts → for each project: POST /projects,
 * POST /projects/:id/review-panel, POST /projects/:id/reviews (one per
 * expert), then either POST /projects/:id/demonstration + /selection (+
 * /resource-matches) or POST /projects/:id/rejection → achievements.
 *
 * The panels respect the pool's rules (the service refuses them otherwise):
 * every expert's fields include the project's field, and no expert sits on a
 * panel of their own institution.
 */
import type { IndustryField, InstitutionType, Money, RejectionReason, Region } from '@tjc/contracts';

export type ResearchMemberType = Extract<InstitutionType, 'university' | 'national-key-lab' | 'haihe-lab' | 'municipal-key-lab' | 'research-institute' | 'industrial-technology-institute'>;

/** POST /members */
export interface MemberBody {
  readonly name: string;
  readonly region: Region;
  readonly type: ResearchMemberType;
  readonly note?: string;
}

/** POST /experts (`key` is seed-local, not sent). */
export interface ExpertBody {
  readonly key: string;
  readonly name: string;
  readonly region: Region;
  readonly fields: readonly IndustryField[];
  readonly institutionName: string;
  readonly title?: string;
  readonly conflictInstitutions?: readonly string[];
}

/** POST /projects */
export interface SubmitProjectBody {
  readonly title: string;
  readonly institution: { readonly name: string; readonly region: Region; readonly type?: InstitutionType };
  readonly field: IndustryField;
  readonly trl: number;
  readonly team: readonly { readonly name: string; readonly role?: string }[];
  readonly summary: string;
  readonly confidentialDetail?: string;
  readonly submittedAt: string;
}

export interface ReviewStep {
  readonly expert: string;
  readonly score: number;
  readonly comment?: string;
  readonly reviewedAt: string;
}

export interface ResourceMatchBody {
  readonly kind: 'concept-verification' | 'pilot-platform' | 'application-scenario';
  readonly name: string;
  readonly provider: { readonly name: string; readonly region?: Region };
  readonly note?: string;
  readonly matchedOn: string;
}

export type ProjectOutcome =
  | {
      readonly kind: 'found';
      /** POST /projects/:id/demonstration */
      readonly demonstrationStartedAt: string;
      /** POST /projects/:id/selection */
      readonly demonstration: { readonly withHq: boolean; readonly conclusion: string };
      readonly landingPlan?: { readonly summary: string; readonly targetPark?: string; readonly fundingNeed?: Money };
      readonly trl?: number;
      readonly foundAt: string;
      readonly resourceMatches: readonly ResourceMatchBody[];
    }
  | {
      readonly kind: 'rejected';
      /** Rejected after demonstration when set (stage `demonstration`), else at screening. */
      readonly demonstrationStartedAt?: string;
      readonly reason: RejectionReason;
      readonly detail: string;
      readonly rejectedAt: string;
    };

export interface ProjectScript {
  readonly key: string;
  readonly submit: SubmitProjectBody;
  /** Expert keys for POST /projects/:id/review-panel (at least three). */
  readonly panel: readonly string[];
  readonly reviews: readonly ReviewStep[];
  readonly outcome: ProjectOutcome;
}

/** POST /achievements (`projectKey` is resolved by the demo to `projectId`). */
export interface AchievementBody {
  readonly title: string;
  readonly field: IndustryField;
  readonly owner: { readonly name: string; readonly region: Region; readonly type?: InstitutionType };
  readonly summary: string;
  readonly ipKind?: 'patent' | 'software-copyright' | 'know-how' | 'new-variety' | 'other';
  readonly askingPrice?: Money;
  readonly projectKey?: string;
  readonly listedAt: string;
}

const cny = (amount: string): Money => ({ amount, currency: 'CNY' });

export const researchMembers: readonly MemberBody[] = [
  { name: '南开大学', region: 'tianjin', type: 'university' },
  { name: '天津大学', region: 'tianjin', type: 'university' },
  { name: '河北工业大学', region: 'hebei', type: 'university', note: '位于天津的河北省属高校' },
  { name: '海河实验室（先进计算与关键软件（信创））', region: 'tianjin', type: 'haihe-lab' },
  { name: '海河实验室（合成生物学）', region: 'tianjin', type: 'haihe-lab' },
  { name: '海河实验室（细胞生态）', region: 'tianjin', type: 'haihe-lab' },
  { name: '省部共建药物化学生物学国家重点实验室', region: 'tianjin', type: 'national-key-lab' },
  { name: '中国科学院', region: 'beijing', type: 'research-institute', note: '经本部对接' },
  { name: '清华大学', region: 'beijing', type: 'university', note: '经本部对接' },
  { name: '北京大学', region: 'beijing', type: 'university', note: '经本部对接' },
];

export const researchExperts: readonly ExpertBody[] = [
  { key: 'li-hua', name: '李华', region: 'beijing', fields: ['integrated-circuits', 'artificial-intelligence', 'information-innovation'], institutionName: '北京大学', title: '教授' },
  { key: 'zhang-wei', name: '张伟', region: 'hebei', fields: ['integrated-circuits', 'new-materials'], institutionName: '河北工业大学', title: '教授' },
  { key: 'liu-yang', name: '刘洋', region: 'tianjin', fields: ['integrated-circuits', 'information-innovation'], institutionName: '南开大学', title: '研究员' },
  { key: 'chen-jing', name: '陈静', region: 'beijing', fields: ['biomedicine', 'synthetic-biology'], institutionName: '清华大学', title: '教授' },
  { key: 'zhou-min', name: '周敏', region: 'beijing', fields: ['new-materials', 'new-energy', 'low-carbon-and-environment'], institutionName: '中国科学院', title: '研究员' },
  { key: 'yang-li', name: '杨莉', region: 'beijing', fields: ['synthetic-biology', 'biomedicine'], institutionName: '中国科学院', title: '研究员' },
  { key: 'wu-gang', name: '吴刚', region: 'xiongan', fields: ['new-energy', 'low-carbon-and-environment', 'artificial-intelligence'], institutionName: '雄安新区科技创新研究院', title: '高级工程师' },
  { key: 'zhao-qiang', name: '赵强', region: 'tianjin', fields: ['synthetic-biology', 'biomedicine'], institutionName: '天津大学', title: '教授', conflictInstitutions: ['海河实验室（合成生物学）'] },
  { key: 'sun-lei', name: '孙磊', region: 'tianjin', fields: ['information-innovation', 'artificial-intelligence'], institutionName: '天津大学', title: '教授' },
  { key: 'ma-jun', name: '马骏', region: 'hebei', fields: ['biomedicine', 'synthetic-biology', 'new-energy', 'new-materials', 'low-carbon-and-environment'], institutionName: '河北医科大学', title: '教授' },
];

export const researchProjects: readonly ProjectScript[] = [
  {
    key: 'thz-chip',
    submit: {
      title: '面向6G的太赫兹通信芯片',
      institution: { name: '天津大学', region: 'tianjin', type: 'university' },
      field: 'integrated-circuits',
      trl: 4,
      team: [{ name: '王明', role: '负责人' }, { name: '赵敏', role: '芯片设计' }],
      summary: '基于新型材料的太赫兹收发芯片，功耗降低40%。',
      confidentialDetail: '关键工艺窗口与流片参数另附（保密）。',
      submittedAt: '2024-02-26T09:00:00+08:00',
    },
    panel: ['li-hua', 'zhang-wei', 'liu-yang'],
    reviews: [
      { expert: 'li-hua', score: 88, reviewedAt: '2024-03-18T10:00:00+08:00' },
      { expert: 'zhang-wei', score: 91, comment: '创新性突出，具备颠覆性潜力', reviewedAt: '2024-03-19T15:00:00+08:00' },
      { expert: 'liu-yang', score: 85, reviewedAt: '2024-03-20T11:00:00+08:00' },
    ],
    outcome: {
      kind: 'found',
      demonstrationStartedAt: '2024-04-08T09:00:00+08:00',
      demonstration: { withHq: true, conclusion: '与本部联合论证通过，具备颠覆性。' },
      landingPlan: { summary: '在天开高教科创园建设太赫兹芯片中试线', targetPark: '天开高教科创园', fundingNeed: cny('5000000.00') },
      trl: 5,
      foundAt: '2024-05-16T10:00:00+08:00',
      resourceMatches: [
        { kind: 'concept-verification', name: '天开园概念验证中心', provider: { name: '天开高教科创园', region: 'tianjin' }, matchedOn: '2024-05-28' },
        { kind: 'pilot-platform', name: '太赫兹器件中试平台', provider: { name: '天津滨海—中关村科技园', region: 'tianjin' }, matchedOn: '2024-06-12' },
      ],
    },
  },
  {
    key: 'cell-factory',
    submit: {
      title: '高效人工细胞工厂构建与生物制造',
      institution: { name: '海河实验室（合成生物学）', region: 'tianjin', type: 'haihe-lab' },
      field: 'synthetic-biology',
      trl: 3,
      team: [{ name: '刘芳', role: '负责人' }],
      summary: '以合成生物学方法构建高产细胞工厂，替代传统化工路线。',
      submittedAt: '2024-03-05T14:00:00+08:00',
    },
    // 赵强 declared a conflict with this lab, so he is not on the panel.
    panel: ['chen-jing', 'ma-jun', 'yang-li'],
    reviews: [
      { expert: 'chen-jing', score: 62, comment: '菌株稳定性数据不足', reviewedAt: '2024-04-15T10:00:00+08:00' },
      { expert: 'ma-jun', score: 68, reviewedAt: '2024-04-16T10:00:00+08:00' },
      { expert: 'yang-li', score: 66, reviewedAt: '2024-04-17T10:00:00+08:00' },
    ],
    outcome: { kind: 'rejected', reason: 'immature-technology', detail: '仍处于实验室原理验证阶段', rejectedAt: '2024-04-25T16:00:00+08:00' },
  },
  {
    key: 'solid-electrolyte',
    submit: {
      title: '高安全固态电池电解质',
      institution: { name: '南开大学', region: 'tianjin', type: 'university' },
      field: 'new-energy',
      trl: 5,
      team: [{ name: '杨帆', role: '负责人' }, { name: '何静' }],
      summary: '硫化物固态电解质规模化制备，提升电池安全性与能量密度。',
      submittedAt: '2024-04-10T09:30:00+08:00',
    },
    panel: ['zhou-min', 'wu-gang', 'ma-jun'],
    reviews: [
      { expert: 'zhou-min', score: 90, reviewedAt: '2024-05-06T10:00:00+08:00' },
      { expert: 'wu-gang', score: 84, reviewedAt: '2024-05-07T10:00:00+08:00' },
      { expert: 'ma-jun', score: 86, comment: '产业化前景明确', reviewedAt: '2024-05-08T10:00:00+08:00' },
    ],
    outcome: {
      kind: 'found',
      demonstrationStartedAt: '2024-05-20T09:00:00+08:00',
      demonstration: { withHq: true, conclusion: '联合论证通过，建议在津落地中试。' },
      landingPlan: { summary: '在武清京津产业新城建设固态电解质中试线', targetPark: '武清京津产业新城', fundingNeed: cny('8000000.00') },
      foundAt: '2024-07-09T10:00:00+08:00',
      resourceMatches: [
        { kind: 'pilot-platform', name: '新能源材料中试基地', provider: { name: '武清京津产业新城', region: 'tianjin' }, matchedOn: '2024-07-22' },
        { kind: 'application-scenario', name: '储能电站示范应用', provider: { name: '宝坻京津中关村科技城', region: 'tianjin' }, matchedOn: '2024-08-05' },
      ],
    },
  },
  {
    key: 'xinchuang-os',
    submit: {
      title: '面向信创的安全可信操作系统内核',
      institution: { name: '海河实验室（先进计算与关键软件（信创））', region: 'tianjin', type: 'haihe-lab' },
      field: 'information-innovation',
      trl: 6,
      team: [{ name: '郭磊', role: '负责人' }, { name: '宋佳' }],
      summary: '形式化验证的微内核，满足关键基础设施安全要求。',
      confidentialDetail: '内核安全机制设计文档（保密）。',
      submittedAt: '2024-05-13T10:00:00+08:00',
    },
    panel: ['liu-yang', 'sun-lei', 'li-hua'],
    reviews: [
      { expert: 'liu-yang', score: 92, reviewedAt: '2024-06-03T10:00:00+08:00' },
      { expert: 'sun-lei', score: 89, reviewedAt: '2024-06-04T10:00:00+08:00' },
      { expert: 'li-hua', score: 90, reviewedAt: '2024-06-05T10:00:00+08:00' },
    ],
    outcome: {
      kind: 'found',
      demonstrationStartedAt: '2024-06-17T09:00:00+08:00',
      demonstration: { withHq: true, conclusion: '本部联合论证通过，技术路线自主可控。' },
      foundAt: '2024-08-20T10:00:00+08:00',
      resourceMatches: [{ kind: 'application-scenario', name: '政务云信创替代场景', provider: { name: '天津滨海—中关村科技园', region: 'tianjin' }, matchedOn: '2024-09-03' }],
    },
  },
  {
    key: 'carbon-capture',
    submit: {
      title: '低能耗二氧化碳捕集材料',
      institution: { name: '河北工业大学', region: 'hebei', type: 'university' },
      field: 'low-carbon-and-environment',
      trl: 4,
      team: [{ name: '田野', role: '负责人' }],
      summary: '新型多孔吸附材料，捕集能耗降低30%。',
      submittedAt: '2024-06-18T09:00:00+08:00',
    },
    panel: ['wu-gang', 'zhou-min', 'ma-jun'],
    reviews: [
      { expert: 'wu-gang', score: 78, reviewedAt: '2024-07-08T10:00:00+08:00' },
      { expert: 'zhou-min', score: 74, reviewedAt: '2024-07-09T10:00:00+08:00' },
      { expert: 'ma-jun', score: 75, reviewedAt: '2024-07-10T10:00:00+08:00' },
    ],
    // Passed screening, but the joint demonstration found no Tianjin scenario to land in yet.
    outcome: {
      kind: 'rejected',
      demonstrationStartedAt: '2024-07-22T09:00:00+08:00',
      reason: 'no-landing-scenario',
      detail: '暂无在津应用场景，建议对接产业网络需求后再申报',
      rejectedAt: '2024-08-30T10:00:00+08:00',
    },
  },
];

export const researchAchievements: readonly AchievementBody[] = [
  {
    title: '高性能碳纤维复合材料制备技术',
    field: 'new-materials',
    owner: { name: '河北工业大学', region: 'hebei', type: 'university' },
    summary: '低成本碳纤维复合材料连续化制备工艺。',
    ipKind: 'patent',
    askingPrice: cny('1200000.00'),
    listedAt: '2024-03-12T09:00:00+08:00',
  },
  {
    title: '细胞治疗药物规模化制备工艺',
    field: 'biomedicine',
    owner: { name: '南开大学', region: 'tianjin', type: 'university' },
    summary: '封闭式自动化细胞培养与质控体系。',
    ipKind: 'know-how',
    listedAt: '2024-04-02T09:00:00+08:00',
  },
  {
    title: '工业视觉缺陷检测算法',
    field: 'artificial-intelligence',
    owner: { name: '北京大学', region: 'beijing', type: 'university' },
    summary: '小样本条件下的表面缺陷检测，准确率99%以上。',
    ipKind: 'software-copyright',
    askingPrice: cny('600000.00'),
    listedAt: '2024-05-21T09:00:00+08:00',
  },
  {
    title: '太赫兹收发芯片设计',
    field: 'integrated-circuits',
    owner: { name: '天津大学', region: 'tianjin', type: 'university' },
    summary: '面向6G的太赫兹收发芯片设计方案及专利组合。',
    ipKind: 'patent',
    projectKey: 'thz-chip',
    listedAt: '2024-06-20T09:00:00+08:00',
  },
];
