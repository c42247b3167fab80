/**
 * The events every part of the benchmark moves: `service.activity.held.v1`
 * envelopes, the type partners send most and that the KPI "events" counts,
 * so the raw Kafka ceiling carries the same bytes (≈700 per message) as the
 * platform path. Each event has its own subject: Kafka keys spread over the
 * partitions as in production, and every event adds one to the KPI.
 */
import { buildEvent, centerAttribution, isPartnerSource, SOURCES, type PlatformEvent, type Source } from '@tjc/contracts';

export const BENCH_EVENT_TYPE = 'service.activity.held.v1';

/** A short tag per run, so ids never collide with an earlier run's on a reused stack. */
export const RUN_TAG = Date.now().toString(36);

export function activityHeld(source: Source, year: number, label: string, n: number): PlatformEvent<typeof BENCH_EVENT_TYPE> {
  const subject = `act-bench-${RUN_TAG}-${label}-${n}`;
  // Early January: a business time in the past for every year up to the current one (the platform refuses future times).
  const heldOn = `${year}-01-05`;
  return buildEvent(
    BENCH_EVENT_TYPE,
    { activityId: subject, type: 'project-promotion', title: `基准测试项目推介会 ${n}`, heldOn, place: '天开高教科创园', organisers: ['天津中心', '河北中心'], participants: 40 + (n % 60), pairsMatched: n % 7,
      // Co-organised with the center (#18.17): counts under the scenario's "events" KPI.
      attribution: isPartnerSource(source) ? { centerRole: 'joint', organiser: { name: SOURCES[source].zh, source } } : centerAttribution(source, 'own') },
    { source, time: `${heldOn}T10:00:00+08:00`, id: `${subject}-held` },
  );
}
