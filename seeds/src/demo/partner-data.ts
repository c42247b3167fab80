/**
 * What the partners publish in the demo year, through the partner gateway
 * (docs/partners.md): Beijing HQ (京津冀国家技术创新中心本部) and the Hebei
 * Center (河北中心) send the projects they found (research.project.found.v1)
 * and achievements they offer for transfer to Tianjin
 * (research.achievement.listed.v1), in dated batches; the service network's
 * coordinators then land most of those offers in Tianjin parks and companies.
 *
 * Event ids are the partners' own and stable (`source` + `id` de-duplicates),
 * so replaying the demo can never publish one twice. Every `time` is a 2024
 * business time in Asia/Shanghai.
 */
import type { Attribution, EventDataInput, Money, ReceiverKind, TransferMode } from '@tjc/contracts';

export type PartnerId = 'beijing-hq' | 'hebei-center';

export type PartnerEventSpec =
  | { readonly type: 'research.project.found.v1'; readonly id: string; readonly time: string; readonly data: EventDataInput<'research.project.found.v1'> }
  | { readonly type: 'research.achievement.listed.v1'; readonly id: string; readonly time: string; readonly data: EventDataInput<'research.achievement.listed.v1'> };

export interface PartnerBatch {
  /** Seed-local handle. */
  readonly key: string;
  readonly partner: PartnerId;
  /** When the partner's system sends it (the demo plays it at this point of the year). */
  readonly sentOn: string;
  readonly events: readonly PartnerEventSpec[];
}

const cny = (amount: string): Money => ({ amount, currency: 'CNY' });

/**
 * Whose achievement (#18.17): every project the partners report in the demo
 * was found with the Tianjin Center (joint demonstration), so it counts; a
 * project a partner selected alone would say `partner-only` and not count.
 */
const PARTNER_NAMES: Record<PartnerId, string> = { 'beijing-hq': '京津冀国家技术创新中心本部', 'hebei-center': '河北中心' };
const jointWith = (partner: PartnerId): Attribution => ({ centerRole: 'joint', organiser: { name: PARTNER_NAMES[partner], source: `partner/${partner}` } });

export const partnerBatches: readonly PartnerBatch[] = [
  {
    key: 'hq-2024-q2',
    partner: 'beijing-hq',
    sentOn: '2024-04-26',
    events: [
      {
        type: 'research.project.found.v1',
        id: 'hq-evt-2024-0101',
        time: '2024-04-23T10:00:00+08:00',
        data: {
          projectId: 'hq-2024-011',
          title: '芯片级冷原子钟',
          institution: { name: '北京大学', region: 'beijing', type: 'university' },
          field: 'integrated-circuits',
          trl: 4,
          demonstration: { withHq: true, conclusion: '本部与天津中心联合论证：体积缩小两个数量级，具备颠覆性。' },
          attribution: jointWith('beijing-hq'),
          landingPlan: { summary: '在天津滨海—中关村科技园建设原子钟封装测试线', targetPark: '天津滨海—中关村科技园', fundingNeed: cny('6000000.00') },
        },
      },
      {
        type: 'research.project.found.v1',
        id: 'hq-evt-2024-0102',
        time: '2024-04-24T15:00:00+08:00',
        data: {
          projectId: 'hq-2024-014',
          title: '大模型驱动的工业软件智能体',
          institution: { name: '清华大学', region: 'beijing', type: 'university' },
          field: 'artificial-intelligence',
          trl: 5,
          demonstration: { withHq: true, conclusion: '本部与天津中心联合论证：面向制造业的工业软件智能化，原创性突出。' },
          attribution: jointWith('beijing-hq'),
        },
      },
      {
        type: 'research.achievement.listed.v1',
        id: 'hq-evt-2024-0103',
        time: '2024-04-25T09:30:00+08:00',
        data: {
          achievementId: 'ach-hq-2024-021',
          title: '高通量基因编辑育种技术',
          field: 'synthetic-biology',
          owner: { name: '中国科学院', region: 'beijing', type: 'research-institute' },
          summary: '基于碱基编辑的作物高通量育种平台，育种周期缩短一半。',
          ipKind: 'patent',
          askingPrice: cny('1800000.00'),
        },
      },
      {
        type: 'research.achievement.listed.v1',
        id: 'hq-evt-2024-0104',
        time: '2024-04-25T09:40:00+08:00',
        data: {
          achievementId: 'ach-hq-2024-022',
          title: '工业互联网标识解析安全网关',
          field: 'information-innovation',
          owner: { name: '北京大学', region: 'beijing', type: 'university' },
          summary: '国产密码算法的标识解析安全网关，已在汽车零部件企业试用。',
          ipKind: 'software-copyright',
          askingPrice: cny('900000.00'),
        },
      },
    ],
  },
  {
    key: 'hebei-2024-q2',
    partner: 'hebei-center',
    sentOn: '2024-06-18',
    events: [
      {
        type: 'research.project.found.v1',
        id: 'hb-evt-2024-0201',
        time: '2024-06-14T10:00:00+08:00',
        data: {
          projectId: 'hb-2024-006',
          title: '氢能重卡高效燃料电池电堆',
          institution: { name: '河北工业大学', region: 'hebei', type: 'university' },
          field: 'new-energy',
          trl: 5,
          demonstration: { withHq: true, conclusion: '河北中心与本部联合论证通过，功率密度国内领先。' },
          attribution: jointWith('hebei-center'),
          landingPlan: { summary: '在宝坻京津中关村科技城建设电堆中试线', targetPark: '宝坻京津中关村科技城', fundingNeed: cny('10000000.00') },
        },
      },
      {
        type: 'research.project.found.v1',
        id: 'hb-evt-2024-0202',
        time: '2024-06-17T10:00:00+08:00',
        data: {
          projectId: 'hb-2024-009',
          title: '钢铁行业低碳冶金氢还原工艺',
          institution: { name: '河北省科学院', region: 'hebei', type: 'research-institute' },
          field: 'low-carbon-and-environment',
          trl: 4,
          demonstration: { withHq: false, conclusion: '河北中心遴选：吨钢碳排放降低40%以上。' },
          attribution: jointWith('hebei-center'),
        },
      },
      {
        type: 'research.achievement.listed.v1',
        id: 'hb-evt-2024-0203',
        time: '2024-06-18T09:30:00+08:00',
        data: {
          achievementId: 'ach-hb-2024-003',
          title: '高温合金增材制造工艺',
          field: 'high-end-equipment',
          owner: { name: '河北工业大学', region: 'hebei', type: 'university' },
          summary: '航空发动机高温合金零件激光增材制造与热处理工艺。',
          ipKind: 'patent',
          askingPrice: cny('1500000.00'),
        },
      },
      {
        type: 'research.achievement.listed.v1',
        id: 'hb-evt-2024-0204',
        time: '2024-06-18T09:45:00+08:00',
        data: {
          achievementId: 'ach-hb-2024-004',
          title: '中药材重金属快速检测试剂盒',
          field: 'biomedicine',
          owner: { name: '河北医科大学', region: 'hebei', type: 'university' },
          summary: '免疫层析法现场快速检测，15分钟出结果。',
          ipKind: 'patent',
          askingPrice: cny('500000.00'),
        },
      },
    ],
  },
  {
    key: 'hq-2024-q3',
    partner: 'beijing-hq',
    sentOn: '2024-09-06',
    events: [
      {
        type: 'research.project.found.v1',
        id: 'hq-evt-2024-0301',
        time: '2024-09-03T10:00:00+08:00',
        data: {
          projectId: 'hq-2024-023',
          title: '全固态锂金属电池正极界面调控',
          institution: { name: '中国科学院', region: 'beijing', type: 'research-institute' },
          field: 'new-energy',
          trl: 4,
          demonstration: { withHq: true, conclusion: '本部与天津中心联合论证：能量密度突破500Wh/kg的关键技术。' },
          attribution: jointWith('beijing-hq'),
          landingPlan: { summary: '与天津力神电池股份有限公司联合开展中试', targetPark: '武清京津产业新城', fundingNeed: cny('8000000.00') },
        },
      },
      {
        type: 'research.project.found.v1',
        id: 'hq-evt-2024-0302',
        time: '2024-09-05T10:00:00+08:00',
        data: {
          projectId: 'hq-2024-027',
          title: '可编程细胞治疗递送平台',
          institution: { name: '清华大学', region: 'beijing', type: 'university' },
          field: 'biomedicine',
          trl: 3,
          demonstration: { withHq: true, conclusion: '本部与天津中心联合论证：底层技术原创，建议与天津生物医药企业对接。' },
          attribution: jointWith('beijing-hq'),
        },
      },
      {
        type: 'research.achievement.listed.v1',
        id: 'hq-evt-2024-0303',
        time: '2024-09-05T14:00:00+08:00',
        data: {
          achievementId: 'ach-hq-2024-031',
          title: '自动驾驶仿真测试场景库',
          field: 'automotive-and-new-energy-vehicles',
          owner: { name: '清华大学', region: 'beijing', type: 'university' },
          summary: '覆盖十万级危险场景的自动驾驶仿真测试库及评价工具。',
          ipKind: 'software-copyright',
          askingPrice: cny('1000000.00'),
        },
      },
    ],
  },
  {
    key: 'hebei-2024-q4',
    partner: 'hebei-center',
    sentOn: '2024-10-22',
    events: [
      {
        type: 'research.project.found.v1',
        id: 'hb-evt-2024-0401',
        time: '2024-10-18T10:00:00+08:00',
        data: {
          projectId: 'hb-2024-015',
          title: '石化装备腐蚀在线监测传感器',
          institution: { name: '河北工业大学', region: 'hebei', type: 'university' },
          field: 'green-petrochemical',
          trl: 5,
          demonstration: { withHq: true, conclusion: '河北中心与本部联合论证通过，可在天津渤海化工集团示范应用。' },
          attribution: jointWith('hebei-center'),
        },
      },
      {
        type: 'research.achievement.listed.v1',
        id: 'hb-evt-2024-0402',
        time: '2024-10-21T09:30:00+08:00',
        data: {
          achievementId: 'ach-hb-2024-011',
          title: '废旧动力电池智能拆解回收技术',
          field: 'low-carbon-and-environment',
          owner: { name: '河北省科学院', region: 'hebei', type: 'research-institute' },
          summary: '视觉识别加柔性拆解，锂钴镍回收率95%以上。',
          ipKind: 'patent',
          askingPrice: cny('1300000.00'),
        },
      },
    ],
  },
];

/**
 * The Hebei Center's system re-publishes a project it already sent, under a
 * new event id (after a migration of its database): the gateway accepts it
 * (a new id), and the KPI service counts the project once (count-distinct
 * `subject`) and shows this event as a duplicate in the lineage.
 */
export const republishedProject: { readonly partner: PartnerId; readonly sentOn: string; readonly event: PartnerEventSpec } = {
  partner: 'hebei-center',
  sentOn: '2024-11-08',
  event: {
    type: 'research.project.found.v1',
    id: 'hb-evt-2024-0201-r1',
    time: '2024-06-14T10:00:00+08:00',
    data: {
      projectId: 'hb-2024-006',
      title: '氢能重卡高效燃料电池电堆',
      institution: { name: '河北工业大学', region: 'hebei', type: 'university' },
      field: 'new-energy',
      trl: 5,
      demonstration: { withHq: true, conclusion: '河北中心与本部联合论证通过，功率密度国内领先。' },
      attribution: jointWith('hebei-center'),
      landingPlan: { summary: '在宝坻京津中关村科技城建设电堆中试线', targetPark: '宝坻京津中关村科技城', fundingNeed: cny('10000000.00') },
    },
  },
};

/** A partner's offer the service network lands in Tianjin (found with GET /transfer-candidates?achievementId=). */
export interface PartnerTransferScript {
  readonly achievementId: string;
  readonly receiver: { readonly kind: ReceiverKind; readonly name: string; readonly park?: string };
  readonly negotiationNote?: string;
  readonly mode: TransferMode;
  readonly contractAmount: Money;
  readonly landedOn: string;
}

/** The six partner offers of 2024, each landed in a Tianjin park or company after matching and negotiation. */
export const partnerTransfers: readonly PartnerTransferScript[] = [
  { achievementId: 'ach-hq-2024-022', receiver: { kind: 'company', name: '天津麒麟信安科技有限公司', park: '天津滨海—中关村科技园' }, mode: 'licence', contractAmount: cny('900000.00'), landedOn: '2024-06-06' },
  { achievementId: 'ach-hq-2024-021', receiver: { kind: 'company', name: '天津天开生物育种科技有限公司', park: '天开高教科创园' }, negotiationNote: '作价入股，科研团队持股', mode: 'equity', contractAmount: cny('1800000.00'), landedOn: '2024-07-18' },
  { achievementId: 'ach-hb-2024-004', receiver: { kind: 'company', name: '天士力医药集团股份有限公司' }, mode: 'use-first-pay-later', contractAmount: cny('500000.00'), landedOn: '2024-08-08' },
  { achievementId: 'ach-hb-2024-003', receiver: { kind: 'park', name: '宝坻京津中关村科技城' }, mode: 'assignment', contractAmount: cny('1500000.00'), landedOn: '2024-09-24' },
  { achievementId: 'ach-hq-2024-031', receiver: { kind: 'company', name: '中汽数据有限公司' }, mode: 'licence', contractAmount: cny('1000000.00'), landedOn: '2024-11-12' },
  { achievementId: 'ach-hb-2024-011', receiver: { kind: 'company', name: '天津绿循环保科技有限公司', park: '武清京津产业新城' }, negotiationNote: '先使用后付费，按回收量分成', mode: 'use-first-pay-later', contractAmount: cny('1300000.00'), landedOn: '2024-12-05' },
];
