import { canonicalFirst, coReportReason } from './project-identity.service';

const p = (id: string, source: string, foundAt: string | null) => ({ id, source, foundAt: foundAt === null ? null : new Date(foundAt) });

describe('which of two reports of one project counts (#18.15, ADR 0016)', () => {
  it('keeps ours even when the partner found it first', () => {
    const ours = p('rp-1', 'tjc/research-network', '2024-06-03T02:00:00Z');
    const hq = p('hq-1', 'partner/beijing-hq', '2024-05-08T02:00:00Z');
    expect(canonicalFirst(hq, ours)).toEqual([ours, hq]);
    expect(canonicalFirst(ours, hq)).toEqual([ours, hq]);
  });

  it('between two partners keeps the earlier found, then the smaller id', () => {
    const hq = p('hq-1', 'partner/beijing-hq', '2024-05-08T02:00:00Z');
    const hebei = p('hb-1', 'partner/hebei-center', '2024-04-01T02:00:00Z');
    expect(canonicalFirst(hq, hebei)).toEqual([hebei, hq]);
    const tie = p('hb-2', 'partner/hebei-center', '2024-05-08T02:00:00Z');
    expect(canonicalFirst(hq, tie)).toEqual([tie, hq]);
  });

  it('says in both languages which project the report is a co-report of', () => {
    expect(coReportReason('rp-1', 'reconciliation')).toBe('与项目 rp-1 为同一项目（科研网络协调员确认），该报告不重复计入 / co-report of project rp-1 (confirmed by the research coordinator); not counted again');
  });
});
