/**
 * The annual report exports and the API's HTTP semantics (400/401/403/404, OpenAPI).
 * Real: Kafka, PostgreSQL, Redis, the app.
 */
import { Workbook } from 'exceljs';
import { activity, eventually, lineage, seededTargets2024, setTargets, startKpiForTest, training, transfer, type KpiTestContext } from '../../testing/kpi-harness';

let ctx: KpiTestContext;

beforeAll(async () => {
  ctx = await startKpiForTest();
  await setTargets(ctx, seededTargets2024());
  await ctx.sut.events.publish(
    activity('act-x-1', { time: '2024-05-20T14:00:00+08:00' }, 'financing-roadshow'),
    training('ts-x-1', ['en-1', 'en-2'], { time: '2024-04-26T17:00:00+08:00' }),
    transfer('tr-x-1', 'hebei', { time: '2024-07-02T10:00:00+08:00' }),
    transfer('tr-x-2', 'tianjin', { time: '2024-07-03T10:00:00+08:00' }),
  );
  await eventually(async () => expect((await lineage(ctx, 2024, 'achievements-landed')).total).toBe(2));
  await eventually(async () => expect((await lineage(ctx, 2024, 'trainees')).value).toBe(2));
  await eventually(async () => expect((await lineage(ctx, 2024, 'events')).value).toBe(1));
});
afterAll(() => ctx?.stop());

const download = async (path: string) => {
  const res = await fetch(`${ctx.sut.url}${path}`, { headers: { authorization: `Bearer ${ctx.tokens.reader}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('annual report export', () => {
  it('JSON: summary with pace, lineage and restatements', async () => {
    const res = await ctx.sut.http('GET', '/kpi/2024/report.json', undefined, ctx.tokens.reader);
    expect(res.status).toBe(200);
    expect(res.body.title).toContain('2024');
    expect(res.body.summary.map((k: { kpiCode: string; value: number }) => [k.kpiCode, k.value])).toEqual([
      ['disruptive-projects', 0],
      ['key-enterprises-joint-research', 0],
      ['achievements-landed', 1],
      ['trainees', 2],
      ['events', 1],
    ]);
    expect(res.body.lineage.filter((l: { kpiCode: string }) => l.kpiCode === 'achievements-landed').map((l: { subject: string; status: string }) => [l.subject, l.status])).toEqual([
      ['tr-x-1', 'counted'],
      ['tr-x-2', 'excluded'],
    ]);
    expect(res.body.restatements).toEqual([]);
  });

  it('CSV: UTF-8 with BOM and Chinese headers, summary and lineage views', async () => {
    const summary = await download('/kpi/2024/report.csv');
    expect(summary.status).toBe(200);
    expect(summary.headers.get('content-type')).toContain('text/csv');
    const text = summary.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF指标代码,指标,单位,年度目标,实际完成')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[4]).toMatch(/^trainees,培养技术转移人才（约800人次）,人次,800,2,/);
    const lin = (await download('/kpi/2024/report.csv?view=lineage')).bytes.toString('utf8');
    expect(lin).toContain('不符合统计口径');
    // The event type in Chinese beside its code, and the record's name.
    expect(lin).toContain('成果转化落地,service.achievement.transferred.v1');
    expect(lin).toContain('高性能碳纤维复合材料制备技术 → 天津碳谷新材料有限公司');
    expect(lin.trim().split('\r\n')).toHaveLength(1 + 4);
    expect((await download('/kpi/2024/report.csv?view=nope')).status).toBe(400);
  });

  it('Excel: parses back with exceljs, a sheet per view', async () => {
    const res = await download('/kpi/2024/report.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const wb = new Workbook();
    await wb.xlsx.load(res.bytes as unknown as Parameters<typeof wb.xlsx.load>[0]);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按月', '明细', '重述']);
    const summary = wb.getWorksheet('汇总')!;
    expect(String(summary.getCell('A1').value)).toContain('天津中心');
    expect(summary.getRow(2).getCell(1).value).toBe('指标代码');
    expect([summary.getRow(6).getCell(1).value, summary.getRow(6).getCell(4).value, summary.getRow(6).getCell(5).value]).toEqual(['trainees', 800, 2]);
    const months = wb.getWorksheet('按月')!;
    expect(months.getRow(6).getCell(1).value).toBe('events');
    expect(months.getRow(6).getCell(2 + 5).value).toBe(1); // May
    expect(wb.getWorksheet('明细')!.rowCount).toBe(1 + 4);
  });
});

describe('HTTP semantics', () => {
  it('401 without a token, 400 for invalid input with field errors, 404 for unknown years and KPIs', async () => {
    expect((await ctx.sut.http('GET', '/kpi/2024')).status).toBe(401);
    const bad = await ctx.sut.http('GET', '/kpi/twenty', undefined, ctx.tokens.reader);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ path: 'year' });
    expect((await ctx.sut.http('GET', '/kpi/2024?asOf=2024-13-01', undefined, ctx.tokens.reader)).status).toBe(400);
    expect((await ctx.sut.http('GET', '/kpi/2031', undefined, ctx.tokens.reader)).status).toBe(404);
    expect((await ctx.sut.http('GET', '/kpi/2024/no-such-kpi/lineage', undefined, ctx.tokens.reader)).status).toBe(404);
    expect((await ctx.sut.http('GET', '/kpi/2024/events/lineage?status=maybe', undefined, ctx.tokens.reader)).status).toBe(400);
    expect((await ctx.sut.http('GET', '/kpi/2031/report.json', undefined, ctx.tokens.reader)).status).toBe(404);
  });

  it('only a center admin sets targets and corrects events; bodies are validated', async () => {
    const { year: _year, kpiCode: _code, ...body } = seededTargets2024()[4]!;
    expect((await ctx.sut.http('PUT', '/kpi/targets/2026/events', body, ctx.tokens.reader)).status).toBe(403);
    expect((await ctx.sut.http('PUT', '/kpi/targets/2026/events', body, ctx.tokens.coordinator)).status).toBe(403);
    expect((await ctx.sut.http('PUT', '/kpi/targets/2026/events', body, ctx.tokens.ops)).status).toBe(403);
    const unknownType = await ctx.sut.http('PUT', '/kpi/targets/2026/events', { ...body, eventTypes: ['service.party.held.v1'] }, ctx.tokens.admin);
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors[0]).toMatchObject({ path: 'eventTypes.0' });
    expect((await ctx.sut.http('PUT', '/kpi/targets/2026/Events', body, ctx.tokens.admin)).status).toBe(400);
    expect((await ctx.sut.http('PUT', '/kpi/targets/2026/events', { ...body, counting: { kind: 'median' } }, ctx.tokens.admin)).status).toBe(400);

    const target = { source: 'tjc/service-network', id: 'x-1', type: 'service.activity.held.v1' };
    expect((await ctx.sut.http('POST', '/kpi/corrections', { target, action: 'retract', reason: '撤回' }, ctx.tokens.coordinator)).status).toBe(403);
    const noReplacement = await ctx.sut.http('POST', '/kpi/corrections', { target, action: 'amend', reason: '更正' }, ctx.tokens.admin);
    expect(noReplacement.status).toBe(400);
    expect(noReplacement.body.errors[0]).toMatchObject({ path: 'replacement' });
    const invalidReplacement = await ctx.sut.http('POST', '/kpi/corrections', { target, action: 'amend', reason: '更正', replacement: { activityId: 'x-1' } }, ctx.tokens.admin);
    expect(invalidReplacement.status).toBe(400);
    expect(invalidReplacement.body.errors.map((e: { path: string }) => e.path)).toContain('replacement.title');
  });

  it('documents the API at /docs', async () => {
    const docs = await ctx.sut.http('GET', '/docs/json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/kpi/{year}', '/kpi/{year}/{kpiCode}/lineage', '/kpi/{year}/restatements', '/kpi/targets/{year}/{kpiCode}', '/kpi/targets/{year}/history', '/kpi/corrections', '/kpi/{year}/report.xlsx', '/ops/kpi/rebuild', '/ops/kpi/rebuild/{id}']),
    );
  });
});
