import { z } from 'zod';
import { Attribution } from '../attribution';
import { defineEvent } from '../define-event';
import { Id, Institution, LocalDate, Money, Name } from '../primitives';
import { ActivityType, CourseType, IndustryField, ReceiverKind, Region, TransferMode } from '../vocabulary';

export const AchievementTransferred = defineEvent({
  type: 'service.achievement.transferred.v1',
  version: '1.0',
  topic: 'service',
  aggregate: 'transfer',
  title: { zh: '成果转化落地', en: 'Achievement transferred (landed)' },
  description:
    'An achievement landed with a receiving park or company in Tianjin. Counts towards the KPI "achievements from Beijing/Hebei landed in Tianjin" when `origin.region` is outside Tianjin.',
  data: z.object({
    transferId: Id,
    achievement: z.object({ id: Id.optional(), title: Name, field: IndustryField.schema }),
    origin: Institution,
    receiver: z.object({
      kind: ReceiverKind.schema,
      name: Name,
      park: Name.optional().meta({ description: '承接园区 / Park the receiver is in' }),
    }),
    mode: TransferMode.schema,
    contractAmount: Money,
    landedOn: LocalDate,
    projectId: Id.optional(),
  }),
  subjectOf: (d) => d.transferId,
  headlineOf: (d) => `${d.achievement.title} → ${d.receiver.name}`,
  publishers: ['tjc/service-network'],
  confidentiality: 'public',
  examples: [
    {
      transferId: 'tr-2024-0005',
      achievement: { id: 'ach-hb-2024-003', title: '高性能碳纤维复合材料制备技术', field: 'new-materials' },
      origin: { name: '河北工业大学', region: 'hebei', type: 'university' },
      receiver: { kind: 'company', name: '天津碳谷新材料有限公司', park: '天津滨海—中关村科技园' },
      mode: 'use-first-pay-later',
      contractAmount: { amount: '1200000.00', currency: 'CNY' },
      landedOn: '2024-07-02',
    },
  ],
});

export const TrainingCompleted = defineEvent({
  type: 'service.training.completed.v1',
  version: '1.0',
  topic: 'service',
  aggregate: 'training-session',
  title: { zh: '培训结业', en: 'Training completed' },
  description:
    'Trainees completed a training session. Person-times (人次) count one per enrolment: a person completing two courses counts twice, the same enrolment completed twice counts once — consumers count distinct `enrolmentId`s.',
  data: z
    .object({
      sessionId: Id,
      courseId: Id,
      courseType: CourseType.schema,
      courseTitle: Name,
      partnerRegion: Region.schema.optional().meta({ description: '联合办班地区 / Region of a joint class' }),
      completedOn: LocalDate,
      completions: z.array(z.object({ enrolmentId: Id, traineeId: Id })).min(1).max(5000),
      personTimes: z.number().int().min(1),
    })
    .refine((d) => d.personTimes === new Set(d.completions.map((c) => c.enrolmentId)).size, {
      message: 'must equal the number of distinct enrolmentIds in completions',
      path: ['personTimes'],
    }),
  subjectOf: (d) => d.sessionId,
  headlineOf: (d) => d.courseTitle,
  publishers: ['tjc/service-network'],
  confidentiality: 'public',
  examples: [
    {
      sessionId: 'ts-2024-tm-01',
      courseId: 'course-tm',
      courseType: 'technology-manager',
      courseTitle: '技术经理人初级培训（京津冀联合班）',
      partnerRegion: 'beijing',
      completedOn: '2024-04-26',
      completions: [
        { enrolmentId: 'en-0001', traineeId: 'p-0001' },
        { enrolmentId: 'en-0002', traineeId: 'p-0002' },
      ],
      personTimes: 2,
    },
  ],
});

export const ActivityHeld = defineEvent({
  type: 'service.activity.held.v1',
  version: '1.1',
  topic: 'service',
  aggregate: 'activity',
  title: { zh: '活动举办', en: 'Activity held' },
  description: 'A project promotion, supply–demand matching, financing roadshow or academic exchange was held.',
  data: z.object({
    activityId: Id,
    type: ActivityType.schema,
    title: Name,
    heldOn: LocalDate,
    place: Name,
    organisers: z.array(Name).min(1),
    participants: z.number().int().min(0),
    pairsMatched: z.number().int().min(0),
    partnerRegions: z.array(Region.schema).optional(),
    attribution: Attribution.optional().meta({
      description: '主办方及天津中心的角色；“举办活动”指标只计天津中心自办或联合举办的活动 / Who organised it and the center’s part; the KPI counts only activities the center held or co-organised',
    }),
  }),
  subjectOf: (d) => d.activityId,
  headlineOf: (d) => d.title,
  publishers: ['tjc/service-network', 'partner/beijing-hq', 'partner/hebei-center', 'partner/xiongan-center'],
  confidentiality: 'public',
  examples: [
    {
      activityId: 'act-2024-0011',
      type: 'financing-roadshow',
      title: '京津冀科技成果融资路演（天开园专场）',
      heldOn: '2024-05-20',
      place: '天开高教科创园',
      organisers: ['天津中心', '天开园创业种子基金'],
      participants: 120,
      pairsMatched: 9,
      partnerRegions: ['beijing', 'hebei'],
      attribution: { centerRole: 'own', organiser: { name: '天津中心', source: 'tjc/center' } },
    },
  ],
  partnerExamples: [
    {
      source: 'partner/beijing-hq',
      summary: 'HQ reports a roadshow it co-organised with the Tianjin Center (counts: joint)',
      data: {
        activityId: 'hq-act-2024-031',
        type: 'financing-roadshow',
        title: '北京优秀科技资源进天津——融资路演',
        heldOn: '2024-06-12',
        place: '天开高教科创园',
        organisers: ['京津冀国家技术创新中心本部', '天津中心'],
        participants: 80,
        pairsMatched: 6,
        partnerRegions: ['beijing'],
        attribution: { centerRole: 'joint', organiser: { name: '京津冀国家技术创新中心本部', source: 'partner/beijing-hq' } },
      },
    },
    {
      source: 'partner/beijing-hq',
      summary: 'HQ reports an exchange it held on its own (recorded, not counted towards the Tianjin Center: partner-only)',
      data: {
        activityId: 'hq-act-2024-032',
        type: 'academic-exchange',
        title: '颠覆性技术创新学术沙龙',
        heldOn: '2024-06-20',
        place: '北京中关村',
        organisers: ['京津冀国家技术创新中心本部'],
        participants: 60,
        pairsMatched: 0,
        attribution: { centerRole: 'partner-only', organiser: { name: '京津冀国家技术创新中心本部', source: 'partner/beijing-hq' } },
      },
    },
    {
      source: 'partner/hebei-center',
      summary: 'The Hebei Center reports a matching fair co-organised with the Tianjin Center',
      data: {
        activityId: 'hb-act-2024-007',
        type: 'supply-demand-matching',
        title: '天津科技进河北——新材料供需对接会',
        heldOn: '2024-07-09',
        place: '石家庄',
        organisers: ['河北中心', '天津中心'],
        participants: 95,
        pairsMatched: 11,
        partnerRegions: ['hebei'],
        attribution: { centerRole: 'joint', organiser: { name: '河北中心', source: 'partner/hebei-center' } },
      },
    },
  ],
});
