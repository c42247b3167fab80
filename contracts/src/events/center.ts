import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Id, Instant, Name, Text, Year } from '../primitives';
import { SourceSchema } from '../sources';

/**
 * How a KPI counts: data, not code, so the center can add a KPI for a new year
 * without a deploy. Paths are dot-separated into the event's `data`.
 */
export const KpiFilter = z.discriminatedUnion('op', [
  z.object({ path: z.string().min(1), op: z.literal('eq'), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({ path: z.string().min(1), op: z.literal('in'), values: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.object({ path: z.string().min(1), op: z.literal('exists') }),
]);
export type KpiFilter = z.infer<typeof KpiFilter>;

export const KpiCounting = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('count-distinct'),
      /** `subject` counts aggregates; a data path counts distinct values (e.g. `leadEnterprise.id`). */
      key: z.string().min(1),
    })
    .meta({ description: 'Count distinct keys among the matching events' }),
  z
    .object({
      kind: z.literal('sum-distinct-items'),
      /** Path of an array in data, e.g. `completions`. */
      items: z.string().min(1),
      /** Path inside each item that identifies it, e.g. `enrolmentId`. */
      key: z.string().min(1),
    })
    .meta({ description: 'Count distinct items across the arrays of the matching events (e.g. person-times by enrolment)' }),
]);
export type KpiCounting = z.infer<typeof KpiCounting>;

/** A KPI's code: kebab-case, so `${year}-${kpiCode}` is always a valid subject. */
export const KpiCode = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be kebab-case, 2–63 characters');

export const KpiTargetSet = defineEvent({
  type: 'center.kpi.target-set.v1',
  version: '1.1',
  topic: 'center',
  aggregate: 'kpi-target',
  title: { zh: '设定年度考核指标', en: 'Annual KPI target set' },
  description:
    'The center set (or changed) one KPI for one year: its target, unit and counting rule. The latest event per year and KPI code wins; earlier ones stay as the history of targets.',
  data: z.object({
    year: Year,
    kpiCode: KpiCode,
    label: z.object({ zh: Name, en: Name }),
    unit: z.object({ zh: Text(20), en: Text(40) }),
    target: z.number().int().min(0),
    eventTypes: z.array(z.string().min(1)).min(1),
    filters: z.array(KpiFilter).max(10).default([]),
    counting: KpiCounting,
    sortOrder: z.number().int().min(0).optional(),
    regionPath: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/, 'must be a dot path into the event data, e.g. origin.region')
      .optional()
      .meta({
        description:
          '地区分布按事件数据中的此字段计（如成果转化按来源地 origin.region）；缺省按发布方所在地区 / The data path whose region a counted event is shown under in the region breakdown (e.g. origin.region: where a transferred achievement came from); absent: the publisher’s region',
      }),
  }),
  subjectOf: (d) => `${d.year}-${d.kpiCode}`,
  headlineOf: (d) => `${d.year} ${d.label.zh}`,
  publishers: ['tjc/center'],
  confidentiality: 'public',
  examples: [
    {
      year: 2024,
      kpiCode: 'achievements-landed',
      label: { zh: '京冀成果在津落地转化', en: 'Achievements from Beijing/Hebei landed in Tianjin' },
      unit: { zh: '项', en: 'achievements' },
      target: 10,
      eventTypes: ['service.achievement.transferred.v1'],
      filters: [{ path: 'origin.region', op: 'in', values: ['beijing', 'hebei', 'xiongan'] }],
      counting: { kind: 'count-distinct', key: 'subject' },
      regionPath: 'origin.region',
    },
  ],
});

export const EventCorrected = defineEvent({
  type: 'center.event.corrected.v1',
  version: '1.0',
  topic: 'center',
  aggregate: 'corrected-event',
  title: { zh: '更正或撤回事件', en: 'Event corrected or retracted' },
  description:
    'Retracts or amends an earlier event, identified by its `source` and `id`. Only the source that published the target, or the center (`tjc/center`), may correct it; consumers ignore corrections from anyone else. An amendment carries the full replacement `data`, valid under the target event type.',
  data: z
    .object({
      correctionId: Id,
      target: z.object({ source: SourceSchema, id: Id, type: z.string().min(1) }),
      action: z.enum(['retract', 'amend']),
      reason: Text(2000),
      replacement: z.record(z.string(), z.unknown()).optional(),
    })
    .refine((d) => (d.action === 'amend') === (d.replacement !== undefined), {
      message: 'must be present for "amend" and absent for "retract"',
      path: ['replacement'],
    }),
  subjectOf: (d) => d.target.id,
  headlineOf: () => null,
  publishers: [
    'tjc/center',
    'tjc/research-network',
    'tjc/industry-network',
    'tjc/service-network',
    'tjc/fund-network',
    'partner/beijing-hq',
    'partner/hebei-center',
    'partner/xiongan-center',
  ],
  confidentiality: 'public',
  examples: [
    {
      correctionId: 'corr-2024-0001',
      target: { source: 'tjc/service-network', id: '0190f2a0-7c1e-7000-8000-000000000001', type: 'service.activity.held.v1' },
      action: 'retract',
      reason: '重复录入，撤回',
    },
  ],
  partnerExamples: [
    {
      source: 'partner/beijing-hq',
      summary: 'HQ retracts one of its own events (only its own: a correction of another source is ignored)',
      data: {
        correctionId: 'hq-corr-2024-001',
        target: { source: 'partner/beijing-hq', id: 'beijing-hq-hq-act-2024-032-2', type: 'service.activity.held.v1' },
        action: 'retract',
        reason: '活动延期，撤回',
      },
    },
  ],
});

const PaceBehindData = z.object({
  year: Year,
  kpiCode: z.string().min(1),
  label: z.object({ zh: Name, en: Name }),
  target: z.number().int().min(0),
  actual: z.number().int().min(0),
  expectedByNow: z.number().min(0),
  forecast: z.number().min(0),
  asOf: Instant,
});

/** What both versions share: only the kpiCode rule differs. */
const paceBehind = {
  topic: 'kpiNotifications',
  aggregate: 'kpi-target',
  title: { zh: '指标进度落后', en: 'KPI behind pace' },
  publishers: ['tjc/kpi'],
  confidentiality: 'public',
  examples: [
    {
      year: 2024,
      kpiCode: 'trainees',
      label: { zh: '培训技术转移人才', en: 'Technology-transfer talent trained' },
      target: 800,
      actual: 210,
      expectedByNow: 400,
      forecast: 420,
      asOf: '2024-07-01T00:00:00+08:00',
    },
  ],
} as const;

/**
 * Superseded by kpi.pace.behind.v2: its kpiCode takes any text, so data its
 * own schema accepts could fail to form a subject (the contracts fuzz found
 * it). Kept, unchanged, so that events already published stay readable.
 */
export const KpiBehindPace = defineEvent({
  ...paceBehind,
  type: 'kpi.pace.behind.v1',
  version: '1.0',
  description: 'A KPI’s actual value is below the share of its target expected by now.',
  data: PaceBehindData,
  subjectOf: (d) => `${d.year}-${d.kpiCode}`,
  headlineOf: (d) => `${d.year} ${d.label.zh}`,
});

export const KpiBehindPaceV2 = defineEvent({
  ...paceBehind,
  type: 'kpi.pace.behind.v2',
  version: '2.0',
  description: 'A KPI’s actual value is below the share of its target expected by now. As v1, with kpiCode restricted to the KPI codes of center.kpi.target-set.v1 (kebab-case).',
  data: PaceBehindData.extend({ kpiCode: KpiCode }),
  subjectOf: (d) => `${d.year}-${d.kpiCode}`,
  headlineOf: (d) => `${d.year} ${d.label.zh}`,
});

