/**
 * The parts of the demo year that are about the platform rather than a
 * network's ordinary work: who is signed in, the activity entered by mistake
 * (which the center retracts through the KPI corrections API), and the late
 * activity recorded after 2024 is closed (which the KPI service records as a
 * restatement). Plain data, like seeds/src/data/*.
 */
import type { Network } from '@tjc/contracts';
import type { ActivityScript } from '../data/service';

export const DEMO_YEAR = 2024;

/** The people the demo signs in as (development tokens). */
export const COORDINATORS: Record<Network, { readonly sub: string; readonly name: string }> = {
  research: { sub: 'wang.fang', name: '王芳' },
  industry: { sub: 'li.qiang', name: '李强' },
  service: { sub: 'liu.min', name: '刘敏' },
  fund: { sub: 'chen.jie', name: '陈杰' },
};
export const CENTER_ADMIN = { sub: 'zhao.lei', name: '赵磊' } as const;

/**
 * The service coordinator enters the June academic exchange a second time
 * (a new record, typed from the paper sign-in sheet). The network's record
 * stays (held activities are final); the center retracts its event from the
 * KPI with a correction, so the events KPI counts the meeting once.
 */
export const wrongActivity: ActivityScript & { readonly enteredOn: string } = {
  enteredOn: '2024-06-20',
  plan: { type: 'academic-exchange', title: '京津冀技术转移学术交流会（签到表补录）', plannedOn: '2024-06-13', place: '武清京津产业新城', organisers: ['天津中心'], partnerRegions: ['beijing', 'hebei', 'xiongan'] },
  outcome: { kind: 'held', heldOn: '2024-06-13', participants: 60, pairsMatched: 0 },
};

export const CORRECTION_REASON = '重复录入：与2024-06-13京津冀技术转移学术交流会为同一场活动（签到表补录），撤回此条，不计入活动数';

/**
 * Recorded after the center closed 2024: the year-end matching meeting of
 * 28 December, whose minutes reached the service network late. It still
 * belongs to 2024 (business time), so the closed year's figure changes and
 * the KPI service records a restatement.
 */
export const lateActivity: ActivityScript = {
  plan: { type: 'supply-demand-matching', title: '京津冀协同创新年终供需对接会', plannedOn: '2024-12-28', place: '天开高教科创园', organisers: ['天津中心', '河北中心', '京津冀国家技术创新中心'], partnerRegions: ['beijing', 'hebei'] },
  outcome: { kind: 'held', heldOn: '2024-12-28', participants: 150, pairsMatched: 13 },
};
