/**
 * What the demo prints: the KPI table, the restatements of the closed year,
 * and where to look next. Pure functions of the KPI API's answers, so the
 * layout is unit-tested.
 */
import type { KpiView, LineageSummary, Restatement, Restatements } from './kpi';
import { renderTable } from './text-table';

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, ''));

export function percentOf(value: number, target: number): string {
  return target > 0 ? `${Math.round((value * 100) / target)}%` : '—';
}

/** 已完成 when the target is reached, 落后 when behind the share of the year elapsed, else 正常. */
export function paceStatus(k: Pick<KpiView, 'value' | 'target' | 'pace'>): string {
  if (k.target > 0 && k.value >= k.target) return '已完成';
  return k.pace.behind ? '落后' : '正常';
}

export function lineageText(s: LineageSummary | undefined): string {
  if (!s) return '';
  const parts = [`计入 ${s.counted}`];
  if (s.duplicate) parts.push(`重复 ${s.duplicate}`);
  if (s.retracted) parts.push(`撤回 ${s.retracted}`);
  if (s.excluded) parts.push(`不符 ${s.excluded}`);
  return parts.join(' · ');
}

export function renderKpiTable(kpis: readonly KpiView[], lineage: ReadonlyMap<string, LineageSummary> = new Map()): string {
  return renderTable(
    [
      { header: '考核指标 KPI' },
      { header: '目标 target', align: 'right' },
      { header: '实际 actual', align: 'right' },
      { header: '完成率 %', align: 'right' },
      { header: '进度 pace（应达）' },
      { header: '预测 forecast', align: 'right' },
      { header: '溯源 lineage（事件）' },
    ],
    kpis.map((k) => [
      k.label.zh,
      `${num(k.target)} ${k.unit.zh}`,
      `${num(k.value)} ${k.unit.zh}`,
      percentOf(k.value, k.target),
      `${paceStatus(k)}（${num(k.pace.expected)}）`,
      `${num(k.pace.forecast)} ${k.unit.zh}`,
      lineageText(lineage.get(k.kpiCode)),
    ]),
  );
}

export function renderRestatements(r: Restatements | undefined, labels: ReadonlyMap<string, string>): string {
  if (!r?.closed) return '2024 年尚未关账，无重述记录。';
  const rows = r.items.map((i: Restatement) => [labels.get(i.kpiCode) ?? i.kpiCode, num(i.previousValue), num(i.newValue), `${i.cause.type} ${i.cause.source}/${i.cause.eventId}`, i.at]);
  const head = `2024 年已于 ${r.closed.at} 关账（${r.closed.by ?? '—'}）；关账后的变动记为重述 restatement：`;
  if (rows.length === 0) return `${head}（暂无）`;
  return `${head}\n${renderTable([{ header: '考核指标 KPI', maxWidth: 40 }, { header: '原值 previous', align: 'right' }, { header: '新值 new', align: 'right' }, { header: '原因事件 cause' }, { header: '时间 at' }], rows)}`;
}

export function renderLinks(urls: Readonly<Record<string, string>>, consoleUrl: string, consoleUp: boolean): string {
  const names: Record<string, string> = {
    'research-network': '科研网络 research',
    'industry-network': '产业网络 industry',
    'service-network': '服务网络 service',
    'fund-network': '基金网络 fund',
    kpi: '考核指标 KPI',
    'partner-gateway': '合作方网关 gateway',
  };
  const rows = Object.entries(urls).map(([name, url]) => [names[name] ?? name, `${url}/docs`]);
  rows.push(['管理台 console', consoleUp ? consoleUrl : `${consoleUrl}（尚未上线 / not running yet）`]);
  return [
    renderTable([{ header: 'API 文档 docs' }, { header: 'URL' }], rows),
    'Kafka:  ./platform kafka status · topics tjc.research|industry|service|fund|center.events.v1 · dead letters: GET <service>/ops/dead-letters',
    `Traces: ${traceUi()} (追踪 links in the console open it); logs: .run/logs/<service>.log`,
    `KPI:    ${urls['kpi'] ?? ''}/kpi/2024 · /kpi/2024/<kpiCode>/lineage · /kpi/2024/restatements · /kpi/2024/report.xlsx`,
  ].join('\n');
}

/** Where the trace UI is (infra/env.sh: Zipkin, started by ./platform; or compose's Jaeger). */
function traceUi(): string {
  const url = process.env['TRACE_UI_URL'] ?? 'http://127.0.0.1:9411';
  return process.env['TRACE_UI'] === 'jaeger' ? `Jaeger ${url}` : `Zipkin ${url.replace(/\/+$/, '')}/zipkin/`;
}
