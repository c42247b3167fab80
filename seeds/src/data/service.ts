/**
 * Demo data of the service network (服务网络): its members (technology-transfer
 * agencies, the national technology-transfer talent training base, the four
 * parks), achievement transfers from Beijing and Hebei into Tianjin parks and
 * companies (with special funding after expert review), training of
 * technology managers / achievement evaluators / innovation engineers, and the
 * year's activities (promotion, matching, roadshows, academic exchange).
 *
 * Plain request bodies for the service-network API (services are never
 * imported: the demo talks HTTP). The API generates ids, so later steps refer
 * to earlier records by `key`; the demo maps keys to the ids it gets back.
 * Every step carries its business date, so replaying 2024 counts in 2024
 * whatever day the demo runs (the service derives event times from them).
 *
 * Order of play:
 *  members → POST /members
 *  transfers → candidates arrive as research.project.found / research.achievement.listed
 *    from the research seeds, or POST /transfers (offers handed over by partners);
 *    then POST /transfers/:id/match, /negotiate, /land (each with the `version` returned
 *    by the previous step); funding: POST /transfers/:id/funding-applications,
 *    POST /funding-applications/:id/review, then /grant or /decline
 *  training → POST /courses, POST /training-sessions, POST /training-sessions/:id/enrolments
 *    (one per trainee), /start, /completions, /complete
 *  activities → POST /activities, then /hold or /cancel
 */
import type { ActivityType, CourseType, IndustryField, InstitutionType, Money, ReceiverKind, Region, TransferMode } from '@tjc/contracts';

const cny = (amount: string): Money => ({ amount, currency: 'CNY' });

/** POST /members */
export interface MemberBody {
  readonly name: string;
  readonly kind: 'transfer-agency' | 'training-base' | 'park';
  readonly region: Region;
  readonly note?: string;
}

export const serviceMembers: readonly MemberBody[] = [
  { name: '天开高教科创园', kind: 'park', region: 'tianjin', note: '高校成果转化核心承载区' },
  { name: '天津滨海—中关村科技园', kind: 'park', region: 'tianjin' },
  { name: '宝坻京津中关村科技城', kind: 'park', region: 'tianjin' },
  { name: '武清京津产业新城', kind: 'park', region: 'tianjin' },
  { name: '国家技术转移人才培养基地（天津）', kind: 'training-base', region: 'tianjin' },
  { name: '天津大学技术转移中心', kind: 'transfer-agency', region: 'tianjin' },
  { name: '南开大学科技成果转化中心', kind: 'transfer-agency', region: 'tianjin' },
  { name: '中关村技术转移服务中心', kind: 'transfer-agency', region: 'beijing', note: '北京合作机构' },
  { name: '河北省技术转移服务中心', kind: 'transfer-agency', region: 'hebei', note: '河北合作机构' },
];

/** POST /transfers: an achievement handed over by a partner outside the event feed. */
export interface RegisterTransferBody {
  readonly achievement: { readonly id?: string; readonly title: string; readonly field: IndustryField; readonly summary?: string };
  readonly origin: { readonly name: string; readonly region: Region; readonly type?: InstitutionType };
  readonly askingPrice?: Money;
}

/** One transfer's path after it is a candidate. */
export interface TransferScript {
  readonly key: string;
  /**
   * Either registered by hand (an offer handed over by a partner), or a
   * candidate that arrives from the research seeds' events: the demo finds it
   * with GET /transfer-candidates?q=<title> once the research network has
   * published it.
   */
  readonly candidate: { readonly register: RegisterTransferBody } | { readonly fromResearch: { readonly title: string } };
  /** POST /transfers/:id/match */
  readonly receiver: { readonly kind: ReceiverKind; readonly name: string; readonly park?: string };
  /** POST /transfers/:id/negotiate */
  readonly negotiationNote?: string;
  /** POST /transfers/:id/land, or POST /transfers/:id/abandon */
  readonly outcome:
    | { readonly kind: 'landed'; readonly mode: TransferMode; readonly contractAmount: Money; readonly landedOn: string }
    | { readonly kind: 'abandoned'; readonly reason: string };
  /** Special funding: POST /transfers/:id/funding-applications → /review → /grant | /decline */
  readonly funding?: {
    readonly requestedAmount: Money;
    readonly purpose: string;
    readonly appliedOn: string;
    readonly reviews: readonly { readonly expertName: string; readonly expertRegion: Region; readonly score: number; readonly comment?: string }[];
    readonly decision: { readonly kind: 'grant'; readonly grantedAmount: Money; readonly decidedOn: string } | { readonly kind: 'decline'; readonly reason: string; readonly decidedOn: string };
  };
}

export const serviceTransfers: readonly TransferScript[] = [
  {
    key: 'carbon-fibre',
    candidate: { fromResearch: { title: '高性能碳纤维复合材料制备技术' } },
    receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' },
    negotiationNote: '采用先使用后付费方式，首年免许可费',
    outcome: { kind: 'landed', mode: 'use-first-pay-later', contractAmount: cny('1200000.00'), landedOn: '2024-07-02' },
    funding: {
      requestedAmount: cny('500000.00'),
      purpose: '中试线设备购置',
      appliedOn: '2024-08-01',
      reviews: [
        { expertName: '李华', expertRegion: 'beijing', score: 85 },
        { expertName: '张伟', expertRegion: 'hebei', score: 86, comment: '产业化前景好' },
        { expertName: '刘洋', expertRegion: 'tianjin', score: 86 },
      ],
      decision: { kind: 'grant', grantedAmount: cny('400000.00'), decidedOn: '2024-08-20' },
    },
  },
  {
    key: 'solid-electrolyte',
    candidate: { fromResearch: { title: '高安全固态电池电解质' } },
    receiver: { kind: 'company', name: '天津固能新能源科技有限公司', park: '武清京津产业新城' },
    outcome: { kind: 'landed', mode: 'equity', contractAmount: cny('3000000.00'), landedOn: '2024-09-18' },
  },
  {
    key: 'solid-lithium',
    candidate: {
      register: {
        achievement: { title: '固态锂电池电解质', field: 'new-energy', summary: '氧化物固态电解质薄膜制备。' },
        origin: { name: '清华大学', region: 'beijing', type: 'university' },
        askingPrice: cny('2500000.00'),
      },
    },
    receiver: { kind: 'park', name: '宝坻京津中关村科技城' },
    outcome: { kind: 'landed', mode: 'assignment', contractAmount: cny('2500000.00'), landedOn: '2024-08-28' },
  },
  {
    key: 'smart-grid',
    candidate: {
      register: {
        achievement: { title: '配电网智能巡检机器人', field: 'high-end-equipment' },
        origin: { name: '河北省电力科学研究院', region: 'hebei', type: 'research-institute' },
      },
    },
    receiver: { kind: 'company', name: '天津滨海智巡科技有限公司', park: '天津滨海—中关村科技园' },
    outcome: { kind: 'landed', mode: 'use-first-pay-later', contractAmount: cny('600000.00'), landedOn: '2024-11-26' },
  },
  {
    key: 'industrial-vision',
    candidate: { fromResearch: { title: '工业视觉缺陷检测算法' } },
    receiver: { kind: 'company', name: '天津智能装备科技有限公司', park: '武清京津产业新城' },
    outcome: { kind: 'landed', mode: 'licence', contractAmount: cny('800000.00'), landedOn: '2024-10-09' },
    funding: {
      requestedAmount: cny('300000.00'),
      purpose: '算法产品化与产线验证',
      appliedOn: '2024-10-20',
      reviews: [
        { expertName: '王明', expertRegion: 'tianjin', score: 68 },
        { expertName: '赵敏', expertRegion: 'beijing', score: 72, comment: '市场验证不足' },
        { expertName: '孙磊', expertRegion: 'hebei', score: 70 },
      ],
      decision: { kind: 'decline', reason: '专家评审均分未达 75 分资助线', decidedOn: '2024-11-05' },
    },
  },
  {
    key: 'biochip',
    candidate: {
      register: {
        achievement: { title: '微流控生物芯片快速检测技术', field: 'biomedicine' },
        origin: { name: '中国科学院', region: 'beijing', type: 'research-institute' },
        askingPrice: cny('2000000.00'),
      },
    },
    receiver: { kind: 'park', name: '天开高教科创园' },
    outcome: { kind: 'abandoned', reason: '权利人另行转让，撤回' },
  },
];

/** POST /courses (`key` is seed-local, not sent). */
export interface CourseBody {
  readonly key: string;
  readonly type: CourseType;
  readonly title: string;
  readonly hours?: number;
}

export const serviceCourses: readonly CourseBody[] = [
  { key: 'tm-junior', type: 'technology-manager', title: '技术经理人初级培训', hours: 32 },
  { key: 'tm-senior', type: 'technology-manager', title: '技术经理人高级研修', hours: 48 },
  { key: 'evaluator', type: 'achievement-evaluator', title: '科技成果评价师培训', hours: 24 },
  { key: 'engineer', type: 'innovation-engineer', title: '卓越工程师创新能力研修班', hours: 40 },
];

/**
 * POST /training-sessions, then enrol `trainees` (ids are deterministic:
 * `${key}-t001` …), start, record completions of the first `completions`
 * trainees on `completedOn`, close. The 2024 sessions add up to 812
 * person-times against the plan's "about 800".
 */
export interface SessionScript {
  readonly key: string;
  readonly course: string;
  readonly title: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly place: string;
  readonly partnerRegion?: Exclude<Region, 'tianjin'>;
  readonly trainees: number;
  readonly completions: number;
  readonly completedOn: string;
}

export const serviceSessions: readonly SessionScript[] = [
  { key: 'tm-2024-01', course: 'tm-junior', title: '技术经理人初级培训（京津冀联合班）', startsOn: '2024-04-22', endsOn: '2024-04-26', place: '天开高教科创园', partnerRegion: 'beijing', trainees: 160, completions: 152, completedOn: '2024-04-26' },
  { key: 'tm-2024-02', course: 'tm-junior', title: '技术经理人初级培训（第二期）', startsOn: '2024-06-17', endsOn: '2024-06-21', place: '天津滨海—中关村科技园', trainees: 150, completions: 141, completedOn: '2024-06-21' },
  { key: 'ev-2024-01', course: 'evaluator', title: '科技成果评价师培训（津冀联合班）', startsOn: '2024-05-13', endsOn: '2024-05-16', place: '武清京津产业新城', partnerRegion: 'hebei', trainees: 130, completions: 124, completedOn: '2024-05-16' },
  { key: 'tms-2024-01', course: 'tm-senior', title: '技术经理人高级研修（雄安联合班）', startsOn: '2024-09-09', endsOn: '2024-09-14', place: '宝坻京津中关村科技城', partnerRegion: 'xiongan', trainees: 140, completions: 133, completedOn: '2024-09-14' },
  { key: 'eng-2024-01', course: 'engineer', title: '卓越工程师创新能力研修班（第一期）', startsOn: '2024-10-14', endsOn: '2024-10-25', place: '天开高教科创园', trainees: 140, completions: 131, completedOn: '2024-10-25' },
  { key: 'ev-2024-02', course: 'evaluator', title: '科技成果评价师培训（第二期）', startsOn: '2024-11-18', endsOn: '2024-11-21', place: '天开高教科创园', trainees: 140, completions: 131, completedOn: '2024-11-21' },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚'];

/** Deterministic trainees of a session (POST /training-sessions/:id/enrolments bodies). */
export function traineesOf(session: SessionScript): readonly { readonly traineeId: string; readonly traineeName: string }[] {
  return Array.from({ length: session.trainees }, (_, i) => ({
    traineeId: `${session.key}-t${String(i + 1).padStart(3, '0')}`,
    traineeName: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7 + session.key.length) % GIVEN.length]}`,
  }));
}

/** POST /activities, then POST /activities/:id/hold (or /cancel). */
export interface ActivityScript {
  readonly plan: {
    readonly type: ActivityType;
    readonly title: string;
    readonly plannedOn: string;
    readonly place: string;
    readonly organisers: readonly string[];
    readonly partnerRegions?: readonly Region[];
  };
  readonly outcome: { readonly kind: 'held'; readonly heldOn: string; readonly participants: number; readonly pairsMatched: number } | { readonly kind: 'cancelled'; readonly reason: string };
}

export const serviceActivities: readonly ActivityScript[] = [
  {
    plan: { type: 'project-promotion', title: '京津冀原创技术项目推介会', plannedOn: '2024-03-21', place: '天开高教科创园', organisers: ['天津中心', '京津冀国家技术创新中心'], partnerRegions: ['beijing'] },
    outcome: { kind: 'held', heldOn: '2024-03-21', participants: 180, pairsMatched: 12 },
  },
  {
    plan: { type: 'supply-demand-matching', title: '新材料产业供需对接会', plannedOn: '2024-04-18', place: '天津滨海—中关村科技园', organisers: ['天津中心', '河北中心'], partnerRegions: ['hebei'] },
    outcome: { kind: 'held', heldOn: '2024-04-18', participants: 95, pairsMatched: 8 },
  },
  {
    plan: { type: 'financing-roadshow', title: '京津冀科技成果融资路演（天开园专场）', plannedOn: '2024-05-20', place: '天开高教科创园', organisers: ['天津中心', '天开园创业种子基金'], partnerRegions: ['beijing', 'hebei'] },
    outcome: { kind: 'held', heldOn: '2024-05-20', participants: 120, pairsMatched: 9 },
  },
  {
    plan: { type: 'academic-exchange', title: '京津冀技术转移学术交流会', plannedOn: '2024-06-13', place: '武清京津产业新城', organisers: ['天津中心'], partnerRegions: ['beijing', 'hebei', 'xiongan'] },
    outcome: { kind: 'held', heldOn: '2024-06-13', participants: 60, pairsMatched: 0 },
  },
  {
    plan: { type: 'supply-demand-matching', title: '生物医药供需对接会', plannedOn: '2024-07-11', place: '天开高教科创园', organisers: ['天津中心'] },
    outcome: { kind: 'held', heldOn: '2024-07-11', participants: 85, pairsMatched: 6 },
  },
  {
    plan: { type: 'financing-roadshow', title: '京津冀科技成果转化基金路演', plannedOn: '2024-08-22', place: '天津滨海—中关村科技园', organisers: ['天津中心', '京津冀科技成果转化基金'] },
    outcome: { kind: 'held', heldOn: '2024-08-22', participants: 110, pairsMatched: 7 },
  },
  {
    plan: { type: 'project-promotion', title: '高端装备项目推介会（宝坻专场）', plannedOn: '2024-09-12', place: '宝坻京津中关村科技城', organisers: ['天津中心'] },
    outcome: { kind: 'cancelled', reason: '与园区招商活动冲突，并入十月推介会' },
  },
  {
    plan: { type: 'technology-release', title: '京津冀技术成果发布会', plannedOn: '2024-10-17', place: '天开高教科创园', organisers: ['天津中心', '京津冀国家技术创新中心'], partnerRegions: ['beijing', 'hebei', 'xiongan'] },
    outcome: { kind: 'held', heldOn: '2024-10-17', participants: 220, pairsMatched: 15 },
  },
  {
    plan: { type: 'project-promotion', title: '高端装备与人工智能项目推介会', plannedOn: '2024-10-30', place: '宝坻京津中关村科技城', organisers: ['天津中心'] },
    outcome: { kind: 'held', heldOn: '2024-10-30', participants: 130, pairsMatched: 10 },
  },
  {
    plan: { type: 'supply-demand-matching', title: '绿色石化供需对接会', plannedOn: '2024-11-14', place: '天津滨海—中关村科技园', organisers: ['天津中心'], partnerRegions: ['hebei'] },
    outcome: { kind: 'held', heldOn: '2024-11-14', participants: 75, pairsMatched: 5 },
  },
  {
    plan: { type: 'financing-roadshow', title: '天使母基金年度路演', plannedOn: '2024-12-12', place: '天开高教科创园', organisers: ['天津中心', '天津市天使母基金'] },
    outcome: { kind: 'held', heldOn: '2024-12-12', participants: 140, pairsMatched: 11 },
  },
];
