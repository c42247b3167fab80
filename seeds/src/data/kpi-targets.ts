/**
 * The 2024 annual KPIs of the Tianjin Center (建设方案 2024, section 一(三);
 * ../../shared/domain/README.md "The annual KPIs"), as the bodies of
 * `PUT /kpi/targets/2024/:kpiCode` on the KPI service, which publishes each as
 * `center.kpi.target-set.v1` (source tjc/center).
 *
 * KPIs are data: a new year's KPIs are another list like this one, not code.
 * "About 10" and "10+" are recorded as the number 10; the wording stays in
 * the label.
 */
import type { EventDataInput, KpiFilter } from '@tjc/contracts';

export type KpiTargetSetting = EventDataInput<'center.kpi.target-set.v1'>;

/**
 * Whose achievement counts (#18.17, ADR 0017): the center is judged on what it
 * organised, co-organised or selected (with HQ's joint demonstration), so the
 * KPIs whose facts partners may also report count the center's own and joint
 * ones; an activity HQ held alone, or a project HQ selected alone, is
 * recorded and shown in the drill-down, not counted. (Transfers and training
 * are published only by the center's service network.)
 */
const CENTER_OWN_OR_JOINT: KpiFilter = { path: 'attribution.centerRole', op: 'in', values: ['own', 'joint'] };

export const KPI_TARGETS_2024: readonly KpiTargetSetting[] = [
  {
    year: 2024,
    kpiCode: 'disruptive-projects',
    label: { zh: '遴选原创性颠覆性技术成果（约10项）', en: 'Original/disruptive technology achievements selected (about 10)' },
    unit: { zh: '项', en: 'projects' },
    target: 10,
    eventTypes: ['research.project.found.v1'],
    filters: [CENTER_OWN_OR_JOINT],
    counting: { kind: 'count-distinct', key: 'subject' },
    sortOrder: 1,
  },
  {
    year: 2024,
    kpiCode: 'key-enterprises-joint-research',
    label: { zh: '天津重点企业与京冀机构联合攻关', en: 'Key Tianjin enterprises in joint research with Beijing/Hebei institutions' },
    unit: { zh: '家', en: 'enterprises' },
    target: 5,
    eventTypes: ['industry.consortium.formed.v1'],
    filters: [
      { path: 'leadEnterprise.isKeyEnterprise', op: 'eq', value: true },
      { path: 'leadEnterprise.region', op: 'eq', value: 'tianjin' },
      CENTER_OWN_OR_JOINT,
    ],
    counting: { kind: 'count-distinct', key: 'leadEnterprise.id' },
    sortOrder: 2,
  },
  {
    year: 2024,
    kpiCode: 'achievements-landed',
    label: { zh: '京冀科技成果在津落地转化（约10项）', en: 'Achievements from Beijing/Hebei landed in Tianjin (about 10)' },
    unit: { zh: '项', en: 'achievements' },
    target: 10,
    eventTypes: ['service.achievement.transferred.v1'],
    filters: [{ path: 'origin.region', op: 'in', values: ['beijing', 'hebei', 'xiongan'] }],
    counting: { kind: 'count-distinct', key: 'subject' },
    // The region breakdown by where the achievement came from: every one lands in Tianjin.
    regionPath: 'origin.region',
    sortOrder: 3,
  },
  {
    year: 2024,
    kpiCode: 'trainees',
    label: { zh: '培养技术转移人才（约800人次）', en: 'Technology-transfer talent trained (about 800 person-times)' },
    unit: { zh: '人次', en: 'person-times' },
    target: 800,
    eventTypes: ['service.training.completed.v1'],
    filters: [],
    counting: { kind: 'sum-distinct-items', items: 'completions', key: 'enrolmentId' },
    sortOrder: 4,
  },
  {
    year: 2024,
    kpiCode: 'events',
    label: { zh: '举办项目推介、供需对接、融资路演等活动（10场以上）', en: 'Events held: promotion, matching, roadshows (10+)' },
    unit: { zh: '场', en: 'events' },
    target: 10,
    eventTypes: ['service.activity.held.v1'],
    filters: [CENTER_OWN_OR_JOINT],
    counting: { kind: 'count-distinct', key: 'subject' },
    sortOrder: 5,
  },
];
