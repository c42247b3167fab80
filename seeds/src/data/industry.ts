/**
 * Demo data of the industry network (产业网络): key enterprises and chain
 * leaders of Tianjin's industry chains, their technology demands, open
 * challenges (揭榜挂帅) and innovation consortia (创新联合体) with Beijing,
 * Hebei and Xiong'an institutions named in the domain document.
 *
 * Plain request bodies for the industry-network API (services are never
 * imported: the demo talks HTTP). Records created by the API get generated
 * ids, so later steps refer to earlier ones by `key` (a demand) or `name`.
 * Dates replay 2024: every body carries its business date.
 *
 * Order of play: enterprises → demands → challenges (publish, applications,
 * award, confirm the proposal) → consortia → milestones.
 */
import type { IndustryField, Institution, Money, Region } from '@tjc/contracts';

export interface EnterpriseBody {
  readonly id: string;
  readonly name: string;
  readonly region: Region;
  readonly industryChain: string;
  readonly field: IndustryField;
  readonly isKeyEnterprise: boolean;
  readonly isChainLeader: boolean;
}

export interface DemandBody {
  /** Seed-local handle; not sent. */
  readonly key: string;
  readonly enterpriseId: string;
  readonly field: IndustryField;
  readonly title: string;
  readonly problem: string;
  readonly budget?: { readonly min: Money; readonly max: Money };
  readonly deadline?: string;
  readonly postedOn: string;
}

export interface MemberInstitution extends Institution {
  readonly region: 'beijing' | 'hebei' | 'xiongan';
}

export interface ChallengeScript {
  readonly demandKey: string;
  /** POST /challenges (plus demandId from the demand created for demandKey). */
  readonly publish: { readonly reward: Money; readonly deadline: string; readonly publishedViaHq: boolean; readonly publishedOn: string };
  /** POST /challenges/:id/applications */
  readonly applications: readonly { readonly institution: Institution; readonly proposal: string; readonly submittedOn: string }[];
  /** POST /challenges/:id/award with the application of this institution. */
  readonly award?: { readonly winner: string; readonly awardedOn: string };
  /** POST /consortium-proposals/:id/confirm for the proposal the award created. */
  readonly confirm?: { readonly name: string; readonly additionalMembers: readonly MemberInstitution[]; readonly formedOn: string };
}

export interface ConsortiumBody {
  readonly name: string;
  readonly topic: string;
  readonly field: IndustryField;
  readonly leadEnterpriseId: string;
  readonly members: readonly MemberInstitution[];
  readonly formedOn: string;
}

export interface MilestoneScript {
  /** The consortium, by name (formed directly or confirmed from a challenge). */
  readonly consortiumName: string;
  readonly title: string;
  readonly reachedOn: string;
  readonly note?: string;
}

const cny = (amount: string): Money => ({ amount, currency: 'CNY' });

const PKU: MemberInstitution = { name: '北京大学', region: 'beijing', type: 'university' };
const THU: MemberInstitution = { name: '清华大学', region: 'beijing', type: 'university' };
const CAS: MemberInstitution = { name: '中国科学院', region: 'beijing', type: 'research-institute' };
const HEBUT: MemberInstitution = { name: '河北工业大学', region: 'hebei', type: 'university' };
const XIONGAN: MemberInstitution = { name: '雄安创新研究院', region: 'xiongan', type: 'research-institute' };

export const industryEnterprises: readonly EnterpriseBody[] = [
  { id: 'ent-feiteng', name: '飞腾信息技术有限公司', region: 'tianjin', industryChain: '信创产业链', field: 'information-innovation', isKeyEnterprise: true, isChainLeader: true },
  { id: 'ent-kylin', name: '麒麟软件有限公司', region: 'tianjin', industryChain: '信创产业链', field: 'information-innovation', isKeyEnterprise: true, isChainLeader: false },
  { id: 'ent-zhonghuan', name: 'TCL中环新能源科技股份有限公司', region: 'tianjin', industryChain: '新能源产业链', field: 'new-energy', isKeyEnterprise: true, isChainLeader: true },
  { id: 'ent-lishen', name: '天津力神电池股份有限公司', region: 'tianjin', industryChain: '新能源产业链', field: 'new-energy', isKeyEnterprise: true, isChainLeader: false },
  { id: 'ent-tasly', name: '天士力医药集团股份有限公司', region: 'tianjin', industryChain: '生物医药产业链', field: 'biomedicine', isKeyEnterprise: true, isChainLeader: true },
  { id: 'ent-asymchem', name: '凯莱英医药集团（天津）股份有限公司', region: 'tianjin', industryChain: '生物医药产业链', field: 'biomedicine', isKeyEnterprise: true, isChainLeader: false },
  { id: 'ent-catarc', name: '中国汽车技术研究中心有限公司', region: 'tianjin', industryChain: '汽车及新能源汽车产业链', field: 'automotive-and-new-energy-vehicles', isKeyEnterprise: true, isChainLeader: true },
  { id: 'ent-catarc-data', name: '中汽数据有限公司', region: 'tianjin', industryChain: '汽车及新能源汽车产业链', field: 'automotive-and-new-energy-vehicles', isKeyEnterprise: false, isChainLeader: false },
  { id: 'ent-bohai-chem', name: '天津渤海化工集团有限责任公司', region: 'tianjin', industryChain: '绿色石化产业链', field: 'green-petrochemical', isKeyEnterprise: true, isChainLeader: true },
];

export const industryDemands: readonly DemandBody[] = [
  {
    key: 'zhonghuan-wafer-cutting',
    enterpriseId: 'ent-zhonghuan',
    field: 'new-energy',
    title: '大尺寸硅片低损耗切割工艺',
    problem: '现有金刚线切割损耗高，需要新工艺将210mm大尺寸硅片切割损耗降低30%以上。',
    budget: { min: cny('2000000.00'), max: cny('5000000.00') },
    deadline: '2024-12-31',
    postedOn: '2024-02-26',
  },
  {
    key: 'feiteng-interconnect',
    enterpriseId: 'ent-feiteng',
    field: 'information-innovation',
    title: '国产服务器CPU高速一致性互连',
    problem: '多路服务器CPU之间的高速缓存一致性互连协议与物理层设计需要突破，带宽目标提升一倍。',
    budget: { min: cny('5000000.00'), max: cny('10000000.00') },
    deadline: '2025-06-30',
    postedOn: '2024-03-12',
  },
  {
    key: 'tasly-quality-tracing',
    enterpriseId: 'ent-tasly',
    field: 'biomedicine',
    title: '中药复方制剂全流程质量追溯',
    problem: '需要建立从药材种植到制剂出厂的多指标在线检测与质量追溯体系。',
    budget: { min: cny('1500000.00'), max: cny('3000000.00') },
    deadline: '2024-11-30',
    postedOn: '2024-03-28',
  },
  {
    key: 'catarc-vehicle-data',
    enterpriseId: 'ent-catarc-data',
    field: 'automotive-and-new-energy-vehicles',
    title: '智能网联汽车数据安全合规评估',
    problem: '需要面向智能网联汽车的数据分类分级与出境安全评估技术和工具链。',
    deadline: '2024-12-15',
    postedOn: '2024-04-09',
  },
  {
    key: 'lishen-solid-state',
    enterpriseId: 'ent-lishen',
    field: 'new-energy',
    title: '固态锂电池电解质界面稳定性',
    problem: '固态电解质与高镍正极界面阻抗随循环快速上升，需要界面改性技术。',
    budget: { min: cny('3000000.00'), max: cny('6000000.00') },
    postedOn: '2024-05-06',
  },
  {
    key: 'bohai-green-process',
    enterpriseId: 'ent-bohai-chem',
    field: 'green-petrochemical',
    title: '氯碱工业低碳节能新工艺',
    problem: '离子膜电解槽能耗偏高，需要低能耗电解与余热利用的集成工艺。',
    postedOn: '2024-05-21',
  },
];

export const industryChallenges: readonly ChallengeScript[] = [
  {
    demandKey: 'zhonghuan-wafer-cutting',
    publish: { reward: cny('3000000.00'), deadline: '2024-06-30', publishedViaHq: true, publishedOn: '2024-04-02' },
    applications: [
      { institution: PKU, proposal: '采用新型复合切割线与智能张力控制方案，配合在线损耗监测。', submittedOn: '2024-05-10' },
      { institution: HEBUT, proposal: '基于超声辅助切割的低损耗工艺，已完成小批量验证。', submittedOn: '2024-05-16' },
    ],
    award: { winner: '北京大学', awardedOn: '2024-07-01' },
    confirm: { name: '大尺寸硅片切割创新联合体', additionalMembers: [HEBUT], formedOn: '2024-07-15' },
  },
  {
    demandKey: 'feiteng-interconnect',
    publish: { reward: cny('8000000.00'), deadline: '2024-09-30', publishedViaHq: true, publishedOn: '2024-04-18' },
    applications: [
      { institution: THU, proposal: '基于片上网络的一致性协议优化与高速SerDes联合设计。', submittedOn: '2024-06-03' },
      { institution: CAS, proposal: '借鉴计算所多核互连经验，提出分层目录一致性方案。', submittedOn: '2024-06-11' },
    ],
    award: { winner: '清华大学', awardedOn: '2024-10-15' },
    confirm: { name: '国产CPU高速互连创新联合体', additionalMembers: [CAS], formedOn: '2024-10-28' },
  },
  {
    demandKey: 'catarc-vehicle-data',
    publish: { reward: cny('1200000.00'), deadline: '2024-10-31', publishedViaHq: false, publishedOn: '2024-05-08' },
    applications: [{ institution: XIONGAN, proposal: '构建车端数据分类分级模型与合规评估工具链。', submittedOn: '2024-06-20' }],
  },
];

/** Formed directly by the coordinator (with the two confirmed above: five distinct Tianjin lead enterprises, the 2024 KPI target). */
export const industryConsortia: readonly ConsortiumBody[] = [
  {
    name: '现代中药智能制造创新联合体',
    topic: '中药复方制剂智能制造与质量控制关键核心技术攻关',
    field: 'biomedicine',
    leadEnterpriseId: 'ent-tasly',
    members: [CAS, HEBUT],
    formedOn: '2024-06-18',
  },
  {
    name: '固态电池材料创新联合体',
    topic: '固态锂电池电解质界面关键核心技术攻关',
    field: 'new-energy',
    leadEnterpriseId: 'ent-lishen',
    members: [THU, XIONGAN],
    formedOn: '2024-08-22',
  },
  {
    name: '智能网联汽车测试评价创新联合体',
    topic: '智能网联汽车功能安全与测试评价关键核心技术攻关',
    field: 'automotive-and-new-energy-vehicles',
    leadEnterpriseId: 'ent-catarc',
    members: [PKU, HEBUT],
    formedOn: '2024-09-12',
  },
];

export const industryMilestones: readonly MilestoneScript[] = [
  { consortiumName: '现代中药智能制造创新联合体', title: '完成在线检测样机研制', reachedOn: '2024-09-30' },
  { consortiumName: '大尺寸硅片切割创新联合体', title: '完成中试线验证', reachedOn: '2024-11-20', note: '切割损耗降低32%' },
  { consortiumName: '固态电池材料创新联合体', title: '完成界面改性材料小试', reachedOn: '2024-12-10' },
];
