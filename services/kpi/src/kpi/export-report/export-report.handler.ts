import { Injectable } from '@nestjs/common';
import { Workbook } from 'exceljs';
import { toShanghaiIso, type Label } from '@tjc/contracts';
import { PrismaService } from '../../prisma.service';
import { GetKpisHandler, type YearView } from '../get-kpis/get-kpis.handler';
import { monthKey } from '../figures';
import { KpiEngine } from '../../engine/kpi-engine.service';
import { lineageEvent, LineageReader } from '../../engine/lineage-reader';
import { refOf } from '../../engine/incremental';
import { factDetails, type FactAttribution } from '../drill-down/fact-attribution';

const STATUS_ZH: Record<string, string> = { counted: '计入', duplicate: '重复（不另计）', retracted: '已撤回', excluded: '不符合统计口径' };
const NETWORK_ZH: Record<string, string> = { research: '科研网络', industry: '产业网络', service: '服务网络', fund: '基金网络' };
const REGION_ZH: Record<string, string> = { beijing: '北京', tianjin: '天津', hebei: '河北', xiongan: '雄安' };

export interface AnnualReport {
  readonly title: string;
  readonly year: number;
  readonly generatedAt: string;
  readonly closed: YearView['closed'];
  readonly summary: YearView['kpis'];
  readonly lineage: readonly {
    kpiCode: string;
    eventId: string;
    source: string;
    type: string;
    typeLabel: Label | null;
    aggregate: string | null;
    subject: string;
    headline: string | null;
    time: string;
    region: string;
    dataversion: string;
    network: string;
    status: string;
    contribution: number;
    keys: string[];
    reason: string | null;
    /** The correction in force on the event (the print report's corrections section lists them). */
    correction: { source: string; correctionId: string; action: 'retract' | 'amend'; reason: string } | null;
    attribution: FactAttribution | null;
  }[];
  readonly restatements: readonly { kpiCode: string; previousValue: number; newValue: number; causeSource: string; causeEventId: string; causeType: string; at: string }[];
}

const SUMMARY_HEADERS = ['指标代码', '指标', '单位', '年度目标', '实际完成', '完成率', '时间进度', '按进度应完成', '年末预测', '是否落后'];
const LINEAGE_HEADERS = ['指标代码', '指标', '事件ID', '来源', '事件类型', '事件类型代码', '主体', '记录', '业务时间（北京时间）', '地区', '数据版本', '网络', '状态', '计入数', '计数键', '说明', '归属（天津中心角色 · 主办/遴选方）'];
const RESTATEMENT_HEADERS = ['指标代码', '原值', '新值', '原因事件来源', '原因事件ID', '原因类型', '重述时间'];

/** 自办 / 联合 / 仅合作方 (or why none counts) and who organised or selected it. */
function attributionCell(a: FactAttribution | null): string {
  if (!a) return '';
  const role = a.centerRoleLabel?.zh ?? a.basisLabel.zh;
  return a.organiser ? `${role} · ${a.organiser.name}` : role;
}

const percent = (x: number | null) => (x === null ? '' : `${Math.round(x * 1000) / 10}%`);

/** The annual KPI report for the steering committee: summary, lineage, restatements. */
@Injectable()
export class ExportReportHandler {
  constructor(
    private readonly prisma: PrismaService,
    private readonly engine: KpiEngine,
    private readonly kpis: GetKpisHandler,
    private readonly lineages: LineageReader,
  ) {}

  async report(year: number): Promise<AnnualReport> {
    // From the lineage (not the maintained figures): the summary and the lineage sheet of one report always agree.
    const view = await this.kpis.asOf(year, undefined, undefined);
    const active = await this.engine.activeByCode(this.prisma, year);
    const restatements = await this.prisma.kpiRestatement.findMany({ where: { year }, orderBy: { at: 'asc' } });
    const lineage: AnnualReport['lineage'][number][] = [];
    for (const k of view.kpis) {
      const evaluation = active.get(k.kpiCode);
      if (!evaluation) continue;
      const rows = await this.lineages.all(this.prisma, evaluation.id);
      const details = await factDetails(this.prisma, this.engine, rows.map((r) => r.fact.event));
      for (const r of rows) {
        lineage.push({
          kpiCode: k.kpiCode,
          ...lineageEvent(r),
          status: r.status,
          contribution: r.contribution,
          keys: [...r.keys],
          reason: r.reason,
          correction: r.correction && { source: r.correction.source, correctionId: r.correction.correctionId, action: r.correction.action, reason: r.correction.reason },
          headline: details.get(refOf(r.fact.event))?.headline ?? null,
          attribution: details.get(refOf(r.fact.event))?.attribution ?? null,
        });
      }
    }
    return {
      title: `京津冀国家技术创新中心天津中心 ${year} 年度考核指标报告`,
      year,
      generatedAt: view.generatedAt,
      closed: view.closed,
      summary: view.kpis,
      lineage,
      restatements: restatements.map((r) => ({ kpiCode: r.kpiCode, previousValue: r.previousValue, newValue: r.newValue, causeSource: r.causeSource, causeEventId: r.causeEventId, causeType: r.causeType, at: toShanghaiIso(r.at) })),
    };
  }

  summaryRows(report: AnnualReport): (string | number)[][] {
    return report.summary.map((k) => [k.kpiCode, k.label.zh, k.unit.zh, k.target, k.value, percent(k.pace.progress), percent(k.pace.elapsedShare), k.pace.expected, k.pace.forecast, k.pace.behind ? '是' : '否']);
  }

  lineageRows(report: AnnualReport): (string | number)[][] {
    const labels = new Map(report.summary.map((k) => [k.kpiCode, k.label.zh]));
    return report.lineage.map((l) => [
      l.kpiCode,
      labels.get(l.kpiCode) ?? '',
      l.eventId,
      l.source,
      l.typeLabel?.zh ?? l.type,
      l.type,
      l.subject,
      l.headline ?? '',
      l.time,
      REGION_ZH[l.region] ?? l.region,
      l.dataversion,
      NETWORK_ZH[l.network] ?? l.network,
      STATUS_ZH[l.status] ?? l.status,
      l.contribution,
      l.keys.join(' '),
      l.reason ?? '',
      attributionCell(l.attribution),
    ]);
  }

  csv(report: AnnualReport, view: 'summary' | 'lineage'): string {
    const rows = view === 'summary' ? [SUMMARY_HEADERS, ...this.summaryRows(report)] : [LINEAGE_HEADERS, ...this.lineageRows(report)];
    const cell = (v: string | number) => {
      const s = String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    // BOM: Excel opens UTF-8 CSV with Chinese text correctly only with it.
    return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
  }

  async xlsx(report: AnnualReport): Promise<Buffer> {
    const wb = new Workbook();
    wb.creator = '天津中心指标服务';
    wb.created = new Date();
    const sheet = (name: string, headers: string[], rows: (string | number)[][], widths: number[]) => {
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.addRow(headers).font = { bold: true };
      for (const r of rows) ws.addRow(r);
      ws.columns.forEach((c, i) => (c.width = widths[i] ?? 14));
      return ws;
    };
    const summary = sheet('汇总', SUMMARY_HEADERS, this.summaryRows(report), [30, 28, 8, 10, 10, 10, 10, 14, 10, 10]);
    summary.insertRow(1, [report.title]);
    summary.getRow(1).font = { bold: true, size: 14 };
    summary.views = [{ state: 'frozen', ySplit: 2 }];
    sheet(
      '按月',
      ['指标代码', '指标', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)],
      // By key, not Object.values: '10'–'12' are integer-like keys and would enumerate first.
      report.summary.map((k) => [k.kpiCode, k.label.zh, ...Array.from({ length: 12 }, (_, i) => k.byMonth[monthKey(i + 1)] ?? 0)]),
      [30, 28],
    );
    sheet('明细', LINEAGE_HEADERS, this.lineageRows(report), [30, 24, 38, 22, 36, 20, 30, 8, 8, 10, 16, 8, 30, 50, 36]);
    sheet(
      '重述',
      RESTATEMENT_HEADERS,
      report.restatements.map((r) => [r.kpiCode, r.previousValue, r.newValue, r.causeSource, r.causeEventId, r.causeType, r.at]),
      [30, 8, 8, 22, 38, 34, 30],
    );
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
