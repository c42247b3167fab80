/**
 * The shared vocabulary of the Tianjin Center's four networks.
 * Source: ../../shared/domain/README.md and the 2024 construction plan.
 *
 * WARNING: the keys below are stored in databases and sent over Kafka by our
 * services and by partner systems in Beijing and Hebei. Renaming or removing a
 * key breaks running systems and published event versions. Add new keys only.
 */
import { z } from 'zod';
import { labelledEnum } from './labelled-enum';

export const Region = labelledEnum('Region', {
  beijing: { zh: '北京', en: 'Beijing' },
  tianjin: { zh: '天津', en: 'Tianjin' },
  hebei: { zh: '河北', en: 'Hebei' },
  xiongan: { zh: '雄安', en: "Xiong'an" },
});
export type Region = z.infer<typeof Region.schema>;

export const Network = labelledEnum('Network', {
  research: { zh: '科研网络', en: 'Research network' },
  industry: { zh: '产业网络', en: 'Industry network' },
  service: { zh: '服务网络', en: 'Service network' },
  fund: { zh: '基金网络', en: 'Fund network' },
});
export type Network = z.infer<typeof Network.schema>;

/** Industry fields of Tianjin's "1+3+4" industry system plus the plan's frontier fields. */
export const IndustryField = labelledEnum('IndustryField', {
  'information-innovation': { zh: '信创', en: 'Information technology innovation' },
  biomedicine: { zh: '生物医药', en: 'Biomedicine' },
  'high-end-equipment': { zh: '高端装备', en: 'High-end equipment' },
  'new-materials': { zh: '新材料', en: 'New materials' },
  'green-petrochemical': { zh: '绿色石化', en: 'Green petrochemicals' },
  'new-energy': { zh: '新能源', en: 'New energy' },
  'automotive-and-new-energy-vehicles': { zh: '汽车及新能源汽车', en: 'Automotive and new-energy vehicles' },
  'aerospace': { zh: '航空航天', en: 'Aerospace' },
  'artificial-intelligence': { zh: '人工智能', en: 'Artificial intelligence' },
  'integrated-circuits': { zh: '集成电路', en: 'Integrated circuits' },
  'synthetic-biology': { zh: '合成生物', en: 'Synthetic biology' },
  'low-carbon-and-environment': { zh: '低碳环保', en: 'Low carbon and environment' },
  other: { zh: '其他', en: 'Other' },
});
export type IndustryField = z.infer<typeof IndustryField.schema>;

export const InstitutionType = labelledEnum('InstitutionType', {
  university: { zh: '高校', en: 'University' },
  'national-key-lab': { zh: '全国重点实验室', en: 'National key laboratory' },
  'haihe-lab': { zh: '海河实验室', en: 'Haihe Laboratory' },
  'municipal-key-lab': { zh: '市级重点实验室', en: 'Municipal key laboratory' },
  'research-institute': { zh: '科研院所', en: 'Research institute' },
  'industrial-technology-institute': { zh: '产业技术研究院', en: 'Industrial technology institute' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  'transfer-agency': { zh: '技术转移机构', en: 'Technology-transfer agency' },
  park: { zh: '园区', en: 'Park' },
  other: { zh: '其他', en: 'Other' },
});
export type InstitutionType = z.infer<typeof InstitutionType.schema>;

export const RejectionReason = labelledEnum('RejectionReason', {
  'insufficient-novelty': { zh: '原创性或颠覆性不足', en: 'Insufficient originality or disruptiveness' },
  'immature-technology': { zh: '技术成熟度不足', en: 'Technology not mature enough' },
  'unclear-ip': { zh: '知识产权不清晰', en: 'Unclear intellectual property' },
  'weak-team': { zh: '团队能力不足', en: 'Team capability insufficient' },
  'no-market': { zh: '市场前景不明', en: 'No clear market' },
  'no-landing-scenario': { zh: '缺乏落地场景', en: 'No application scenario in Tianjin' },
  duplicate: { zh: '重复申报', en: 'Duplicate submission' },
  other: { zh: '其他', en: 'Other' },
});
export type RejectionReason = z.infer<typeof RejectionReason.schema>;

export const TransferMode = labelledEnum('TransferMode', {
  licence: { zh: '许可', en: 'Licence' },
  assignment: { zh: '转让', en: 'Assignment' },
  equity: { zh: '作价投资', en: 'Equity (IP contributed as capital)' },
  'use-first-pay-later': { zh: '先使用后付费', en: 'Use first, pay later' },
  'joint-development': { zh: '合作开发', en: 'Joint development' },
});
export type TransferMode = z.infer<typeof TransferMode.schema>;

export const CourseType = labelledEnum('CourseType', {
  'technology-manager': { zh: '技术经理人', en: 'Technology manager' },
  'achievement-evaluator': { zh: '科技成果评价师', en: 'Achievement evaluator' },
  'innovation-engineer': { zh: '卓越工程师/创新工程师', en: 'Innovation engineer' },
  'technology-broker': { zh: '技术经纪人', en: 'Technology broker' },
  other: { zh: '其他', en: 'Other' },
});
export type CourseType = z.infer<typeof CourseType.schema>;

export const ActivityType = labelledEnum('ActivityType', {
  'project-promotion': { zh: '项目推介', en: 'Project promotion' },
  'supply-demand-matching': { zh: '供需对接', en: 'Supply–demand matching' },
  'financing-roadshow': { zh: '融资路演', en: 'Financing roadshow' },
  'academic-exchange': { zh: '学术交流', en: 'Academic exchange' },
  'technology-release': { zh: '技术发布', en: 'Technology release' },
});
export type ActivityType = z.infer<typeof ActivityType.schema>;

export const FundType = labelledEnum('FundType', {
  seed: { zh: '种子基金', en: 'Seed fund' },
  angel: { zh: '天使基金', en: 'Angel fund' },
  transfer: { zh: '成果转化基金', en: 'Achievement-transfer fund' },
  collaborative: { zh: '协同创新基金', en: 'Collaborative innovation fund' },
  other: { zh: '其他', en: 'Other' },
});
export type FundType = z.infer<typeof FundType.schema>;

export const InvestmentRound = labelledEnum('InvestmentRound', {
  seed: { zh: '种子轮', en: 'Seed' },
  angel: { zh: '天使轮', en: 'Angel' },
  'pre-a': { zh: 'Pre-A轮', en: 'Pre-A' },
  a: { zh: 'A轮', en: 'Series A' },
  b: { zh: 'B轮', en: 'Series B' },
  'c-plus': { zh: 'C轮及以后', en: 'Series C and later' },
  'grant-conversion': { zh: '拨转投', en: 'Grant conversion' },
});
export type InvestmentRound = z.infer<typeof InvestmentRound.schema>;

export const ReceiverKind = labelledEnum('ReceiverKind', {
  park: { zh: '园区', en: 'Park' },
  company: { zh: '企业', en: 'Company' },
});
export type ReceiverKind = z.infer<typeof ReceiverKind.schema>;

export const Confidentiality = labelledEnum('Confidentiality', {
  public: { zh: '公开摘要', en: 'Public summary' },
  restricted: { zh: '协议方可见详情', en: 'Detail for parties under agreement' },
});
export type Confidentiality = z.infer<typeof Confidentiality.schema>;
