import { useEffect } from 'react';
import { useParams } from 'react-router';
import { Button, Skeleton, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts';
import { Network } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { eventTypeTitle, labelOf, langOf, sourceLabel } from '../../i18n/labels';
import { paceStatus, withoutTarget, type KpiView } from './types';
import { networkOfKpi, notableRecords, percentOf, type ReportLineageRow } from './annualReport';

/** services/kpi export-report.handler.ts AnnualReport (GET /kpi/:year/report.json). */
interface AnnualReport {
  readonly title: string;
  readonly year: number;
  readonly generatedAt: string;
  readonly closed: { readonly at: string; readonly by: string | null } | null;
  readonly summary: readonly (KpiView & { readonly definition: { readonly eventTypes: readonly string[] } })[];
  readonly lineage: readonly ReportLineageRow[];
  readonly restatements: readonly { kpiCode: string; previousValue: number; newValue: number; causeSource: string; causeEventId: string; causeType: string; at: string }[];
}

const NOTABLE_PER_KPI = 12;

/**
 * The annual KPI report for the steering committee, laid out for A4 paper:
 * the closed-year stamp, the KPI table and a chart of completion, a section
 * per network with the records behind its KPIs by name, restatements and
 * corrections. The browser prints it (or saves it as PDF); the xlsx keeps
 * the data sheets. Outside the app's frame, so nothing but the report prints.
 */
export function AnnualReportPage() {
  const { year: yearText } = useParams();
  const year = Number(yearText);
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const q = useQuery({ queryKey: ['kpi', 'report', year], queryFn: () => api.get<AnnualReport>('kpi', `/kpi/${year}/report.json`), enabled: Number.isInteger(year) });
  useEffect(() => {
    document.title = q.data?.title ?? t('report.title', { year });
  }, [q.data, t, year]);
  if (isApiError(q.error)) return <div className="tjc-report"><ProblemAlert problem={q.error.problem} /></div>;
  const r = q.data;
  if (!r) return <div className="tjc-report"><Skeleton active /></div>;
  const labels = new Map(r.summary.map((k) => [k.kpiCode, k.label[lang]]));
  const byNetwork = Network.values.map((n) => ({ network: n, kpis: r.summary.filter((k) => networkOfKpi(k.definition.eventTypes) === n) })).filter((s) => s.kpis.length > 0);
  const corrected = r.lineage.filter((l) => l.correction !== null);
  const chart = r.summary.map((k) => ({ name: withoutTarget(k.label[lang]), percent: percentOf(k.value, k.target) }));
  return (
    <div className="tjc-report" data-testid="annual-report">
      <div className="tjc-report-actions">
        <Button type="primary" onClick={() => window.print()} data-testid="report-print">
          {t('report.print')}
        </Button>
      </div>
      <header className="tjc-report-head">
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            {r.title}
          </Typography.Title>
          <Typography.Text type="secondary">{t('report.generatedAt', { at: formatDateTime(r.generatedAt, lang) })}</Typography.Text>
        </div>
        <div className={r.closed ? 'tjc-stamp tjc-stamp-closed' : 'tjc-stamp'} data-testid="report-stamp">
          {r.closed ? t('report.closed', { at: formatDateTime(r.closed.at, lang) }) : t('report.open')}
        </div>
      </header>

      <section>
        <Typography.Title level={4}>{t('report.summary')}</Typography.Title>
        <Table<KpiView>
          size="small"
          pagination={false}
          rowKey="kpiCode"
          dataSource={[...r.summary]}
          data-testid="report-kpis"
          columns={[
            { title: t('report.kpi'), key: 'label', render: (_: unknown, k) => k.label[lang] },
            { title: t('kpi.target'), key: 'target', align: 'right', render: (_: unknown, k) => `${k.target} ${k.unit[lang]}` },
            { title: t('kpi.value'), key: 'value', align: 'right', render: (_: unknown, k) => `${k.value} ${k.unit[lang]}` },
            { title: t('report.completion'), key: 'completion', align: 'right', render: (_: unknown, k) => `${percentOf(k.value, k.target)}%` },
            { title: t('report.pace'), key: 'pace', render: (_: unknown, k) => <Tag>{t(`kpi.paceStatus.${paceStatus(k)}`)}</Tag> },
          ]}
        />
        {/* A fixed size, not ResponsiveContainer: print layout has no resize to measure. */}
        <BarChart width={680} height={40 + r.summary.length * 36} data={chart} layout="vertical" margin={{ top: 12, right: 48, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, (max: number) => Math.max(100, max)]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 11 }} />
          <ReferenceLine x={100} stroke="#52c41a" />
          <Bar dataKey="percent" fill="#0b5cad" isAnimationActive={false}>
            <LabelList dataKey="percent" position="right" formatter={(v: unknown) => `${String(v)}%`} style={{ fontSize: 11 }} />
          </Bar>
        </BarChart>
      </section>

      {byNetwork.map(({ network, kpis }) => (
        <section key={network} className="tjc-report-section" data-testid={`report-network-${network}`}>
          <Typography.Title level={4}>{t('report.network', { network: labelOf(Network, network, lang) })}</Typography.Title>
          {kpis.map((k) => {
            const notable = notableRecords(r.lineage, k.kpiCode, NOTABLE_PER_KPI);
            return (
              <div key={k.kpiCode} className="tjc-report-kpi">
                <Typography.Title level={5}>
                  {k.label[lang]} · {k.value} / {k.target} {k.unit[lang]}
                </Typography.Title>
                {notable.shown.length === 0 ? (
                  <Typography.Text type="secondary">{t('report.noneCounted')}</Typography.Text>
                ) : (
                  <ol className="tjc-report-records" data-testid={`report-records-${k.kpiCode}`}>
                    {notable.shown.map((l) => (
                      <li key={`${l.source}|${l.eventId}`}>
                        {l.headline ?? l.subject}
                        <Typography.Text type="secondary"> · {l.time.slice(0, 10)} · {sourceLabel(l.source, lang)}</Typography.Text>
                      </li>
                    ))}
                  </ol>
                )}
                {notable.more > 0 && <Typography.Text type="secondary">{t('report.andMore', { count: notable.more })}</Typography.Text>}
              </div>
            );
          })}
        </section>
      ))}

      <section className="tjc-report-section" data-testid="report-restatements">
        <Typography.Title level={4}>{t('report.restatements')}</Typography.Title>
        {r.restatements.length === 0 ? (
          <Typography.Text type="secondary">{t('report.noRestatements')}</Typography.Text>
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey={(x) => `${x.kpiCode}|${x.causeEventId}|${x.at}`}
            dataSource={[...r.restatements]}
            columns={[
              { title: t('report.kpi'), dataIndex: 'kpiCode', render: (c: string) => labels.get(c) ?? c },
              { title: t('report.previous'), dataIndex: 'previousValue', align: 'right' },
              { title: t('report.new'), dataIndex: 'newValue', align: 'right' },
              { title: t('report.cause'), dataIndex: 'causeType', render: (type: string, x) => `${eventTypeTitle(type, lang) ?? type} · ${sourceLabel(x.causeSource, lang)}` },
              { title: t('report.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, lang) },
            ]}
          />
        )}
      </section>

      <section className="tjc-report-section" data-testid="report-corrections">
        <Typography.Title level={4}>{t('report.corrections')}</Typography.Title>
        {corrected.length === 0 ? (
          <Typography.Text type="secondary">{t('report.noCorrections')}</Typography.Text>
        ) : (
          <Table<ReportLineageRow>
            size="small"
            pagination={false}
            rowKey={(l) => `${l.kpiCode}|${l.source}|${l.eventId}`}
            dataSource={corrected}
            columns={[
              { title: t('report.kpi'), dataIndex: 'kpiCode', render: (c: string) => labels.get(c) ?? c },
              { title: t('report.record'), key: 'record', render: (_: unknown, l) => l.headline ?? l.subject },
              { title: t('report.action'), key: 'action', render: (_: unknown, l) => t(`report.actions.${l.correction!.action}`) },
              { title: t('report.by'), key: 'by', render: (_: unknown, l) => sourceLabel(l.correction!.source, lang) },
              { title: t('report.reason'), key: 'reason', render: (_: unknown, l) => l.correction!.reason },
            ]}
          />
        )}
      </section>
    </div>
  );
}
