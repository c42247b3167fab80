import { describe, expect, it } from 'vitest';
import { networkOfKpi, notableRecords, percentOf, type ReportLineageRow } from './annualReport';

const row = (kpiCode: string, id: string, status: ReportLineageRow['status'], contribution: number, time: string): ReportLineageRow => ({
  kpiCode,
  eventId: id,
  source: 'tjc/service-network',
  type: 'service.training.completed.v1',
  subject: id,
  headline: `培训 ${id}`,
  time,
  status,
  contribution,
  correction: null,
});

describe('the annual report', () => {
  it("places a KPI in the network of its events", () => {
    expect(networkOfKpi(['service.training.completed.v1'])).toBe('service');
    expect(networkOfKpi(['research.project.found.v1', 'service.activity.held.v1'])).toBe('research');
    expect(networkOfKpi(['no.such.type.v1'])).toBeUndefined();
  });

  it('names the counted records of a KPI, largest first, then by date, and counts the rest', () => {
    const lineage = [
      row('trainees', 'a', 'counted', 5, '2024-03-01T10:00:00+08:00'),
      row('trainees', 'b', 'counted', 60, '2024-05-01T10:00:00+08:00'),
      row('trainees', 'c', 'duplicate', 0, '2024-01-01T10:00:00+08:00'),
      row('trainees', 'd', 'counted', 5, '2024-02-01T10:00:00+08:00'),
      row('events', 'e', 'counted', 1, '2024-02-01T10:00:00+08:00'),
    ];
    const { shown, more } = notableRecords(lineage, 'trainees', 2);
    expect(shown.map((l) => l.eventId)).toEqual(['b', 'd']);
    expect(more).toBe(1);
    expect(notableRecords(lineage, 'events', 12)).toEqual({ shown: [lineage[4]], more: 0 });
  });

  it('gives completion in whole percent, also against a target of 0', () => {
    expect([percentOf(7, 10), percentOf(12, 10), percentOf(1, 3), percentOf(0, 0), percentOf(2, 0)]).toEqual([70, 120, 33, 0, 100]);
  });
});
