import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Dropdown, Empty, Flex, Progress, Row, Select, Skeleton, Statistic, Table, Tag, Tooltip as AntTooltip, Typography, type DatePickerProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Network, Region } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { isApiError } from '../../api/errors';
import { DownloadIcon, ReloadIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime, yearInShanghai } from '../../lib/format';
import { labelOf, langOf } from '../../i18n/labels';
import { LineageDrawer } from './LineageDrawer';
import { monthSeries, paceStatus, shortLabel, type KpiView, type PaceStatus, type YearView } from './types';

const PACE_COLOR: Record<PaceStatus, string> = { met: 'success', ahead: 'processing', 'on-track': 'blue', behind: 'error' };
const PACE_STROKE: Record<PaceStatus, string> = { met: '#52c41a', ahead: '#1677ff', 'on-track': '#0b5cad', behind: '#ff4d4f' };
const REGION_COLORS: Record<string, string> = { tianjin: '#0b5cad', beijing: '#d4380d', hebei: '#389e0d', xiongan: '#722ed1' };
const NETWORK_COLORS: Record<string, string> = { research: '#0b5cad', industry: '#fa8c16', service: '#13a8a8', fund: '#eb2f96', partner: '#8c8c8c', center: '#595959' };

// antd's Dayjs (dayjs is antd's dependency, not ours: named through antd's own types).
type DateValue = Exclude<Parameters<NonNullable<DatePickerProps['onChange']>>[0], unknown[]>;

/** The center's KPI dashboard: the year against target, by month, region and network; drill-down to events. */
export function KpiDashboard() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const years = useQuery({ queryKey: ['kpi', 'years'], queryFn: () => api.get<Page<{ year: number; closed: boolean }>>('kpi', '/kpi') });
  const [chosenYear, setYear] = useState<number>();
  const [asOf, setAsOf] = useState<DateValue>(null);
  const [drill, setDrill] = useState<KpiView>();
  const thisYear = yearInShanghai();
  const yearOptions = useMemo(() => [...new Set([thisYear, ...(years.data?.items.map((y) => y.year) ?? [])])].sort((a, b) => b - a), [years.data, thisYear]);
  const year = chosenYear ?? thisYear;
  const asOfText = asOf ? asOf.format('YYYY-MM-DD') : undefined;

  const view = useQuery({
    queryKey: ['kpi', 'year', year, asOfText ?? 'live'],
    queryFn: () => api.get<YearView>('kpi', `/kpi/${year}`, { asOf: asOfText }),
    refetchInterval: asOfText ? false : 10_000,
  });
  const notDefined = isApiError(view.error) && view.error.problem.kind === 'not-found';

  const download = (path: string, filename: string) => void api.download('kpi', `/kpi/${year}/${path}`, filename).catch(() => undefined);

  return (
    <>
      <PageHeader
        title={t('kpi.title')}
        description={t('kpi.description')}
        extra={
          <>
            <Select
              value={year}
              onChange={(y: number) => { setYear(y); setAsOf(null); }}
              options={yearOptions.map((y) => ({ value: y, label: `${y}` }))}
              style={{ width: 110 }}
              data-testid="kpi-year"
              prefix={t('kpi.year')}
            />
            <AntTooltip title={t('kpi.asOfHelp')}>
              <DatePicker
                value={asOf}
                onChange={(d) => setAsOf(Array.isArray(d) ? null : (d as DateValue))}
                placeholder={`${t('kpi.asOf')}（${t('kpi.live')}）`}
                disabledDate={(d) => d.year() !== year}
                data-testid="kpi-as-of"
                style={{ width: 200 }}
              />
            </AntTooltip>
            <Button icon={<ReloadIcon />} onClick={() => void view.refetch()} data-testid="kpi-refresh">
              {t('app.refresh')}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'xlsx', label: t('kpi.reportXlsx'), onClick: () => download('report.xlsx', `kpi-${year}.xlsx`) },
                  { key: 'csv', label: t('kpi.reportCsv'), onClick: () => download('report.csv?view=summary', `kpi-${year}-summary.csv`) },
                  { key: 'lineage', label: t('kpi.reportLineage'), onClick: () => download('report.csv?view=lineage', `kpi-${year}-lineage.csv`) },
                  { key: 'json', label: t('kpi.reportJson'), onClick: () => download('report.json', `kpi-${year}.json`) },
                  { key: 'print', label: <a href={`/kpi/report/${year}`} target="_blank" rel="noreferrer" data-testid="kpi-report-print">{t('report.openLink')}</a> },
                ],
              }}
            >
              <Button type="primary" icon={<DownloadIcon />} data-testid="kpi-download">
                {t('kpi.download')}
              </Button>
            </Dropdown>
          </>
        }
      />
      {view.data && (
        <Flex gap={8} style={{ marginBottom: 12 }} align="center" wrap>
          <Tag bordered={false} color="blue">
            {t(`kpi.basis.${view.data.basis}`)}
          </Tag>
          {view.data.asOf && <Tag bordered={false}>{`${t('kpi.asOf')} ${view.data.asOf}`}</Tag>}
          {view.data.closed && <Tag color="gold">{t('kpi.closed')}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('kpi.generatedAt', { at: formatDateTime(view.data.generatedAt, lang) })}
          </Typography.Text>
        </Flex>
      )}
      {view.isLoading && <Skeleton active paragraph={{ rows: 8 }} />}
      {notDefined && (
        <Card>
          <Empty description={t('kpi.noKpis', { year })} />
        </Card>
      )}
      {isApiError(view.error) && !notDefined && <ProblemAlert problem={view.error.problem} />}
      {view.data && (
        <div data-testid="kpi-dashboard">
          <div className="tjc-kpi-grid">
            {view.data.kpis.map((k) => (
              <KpiCard key={k.kpiCode} kpi={k} onDrill={() => setDrill(k)} />
            ))}
          </div>
          <Typography.Title level={5} style={{ margin: '24px 0 12px' }}>
            {t('kpi.byMonth')}
          </Typography.Title>
          <Row gutter={[16, 16]}>
            {view.data.kpis.map((k) => (
              <Col key={k.kpiCode} xs={24} lg={12} xxl={8}>
                <MonthChart kpi={k} />
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={12}>
              <Breakdown
                title={t('kpi.byRegion')}
                kpis={view.data.kpis}
                pick={(k) => k.byRegion}
                keys={Region.values}
                colors={REGION_COLORS}
                label={(r) => labelOf(Region, r, lang)}
                testId="kpi-by-region"
                note={regionBasisNote(view.data.kpis, lang, t)}
              />
            </Col>
            <Col xs={24} xl={12}>
              <Breakdown title={t('kpi.byNetwork')} kpis={view.data.kpis} pick={(k) => k.byNetwork} keys={[...Network.values, 'partner']} colors={NETWORK_COLORS} label={(n) => labelOf(Network, n, lang)} testId="kpi-by-network" />
            </Col>
          </Row>
        </div>
      )}
      {drill && <LineageDrawer year={year} kpi={drill} asOf={asOfText} onClose={() => setDrill(undefined)} />}
    </>
  );
}

function KpiCard({ kpi: k, onDrill }: { kpi: KpiView; onDrill: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const status = paceStatus(k);
  const percent = k.target > 0 ? Math.round((k.value / k.target) * 100) : 0;
  return (
    <Card className="tjc-kpi-card" style={{ height: '100%' }} data-testid={`kpi-card-${k.kpiCode}`}>
      <Flex vertical gap={8} style={{ height: '100%' }}>
        <Typography.Text type="secondary" style={{ minHeight: 44 }} ellipsis={{ tooltip: k.label[lang] }}>
          {k.label[lang]}
        </Typography.Text>
        <Flex align="baseline" justify="space-between">
          <Statistic value={k.value} suffix={<span style={{ fontSize: 14, color: '#8c8c8c' }}>/ {k.target} {k.unit[lang]}</span>} styles={{ content: { fontSize: 30, fontWeight: 600 } }} data-testid={`kpi-value-${k.kpiCode}`} />
          <Tag color={PACE_COLOR[status]} data-testid={`kpi-pace-${k.kpiCode}`}>
            {t(`kpi.paceStatus.${status}`)}
          </Tag>
        </Flex>
        <Progress percent={Math.min(100, percent)} format={() => `${percent}%`} strokeColor={PACE_STROKE[status]} size="small" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('kpi.expected', { expected: k.pace.expected })} · {t('kpi.forecast', { forecast: k.pace.forecast })}
        </Typography.Text>
        <Button type="link" size="small" style={{ padding: 0, alignSelf: 'flex-start' }} onClick={onDrill} data-testid={`kpi-drill-${k.kpiCode}`}>
          {t('kpi.drillDown')} →
        </Button>
      </Flex>
    </Card>
  );
}

function MonthChart({ kpi: k }: { kpi: KpiView }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const data = monthSeries(k).map((p) => ({ ...p, name: t('kpi.month', { month: p.month }) }));
  return (
    <Card size="small" title={<Typography.Text ellipsis={{ tooltip: k.label[lang] }}>{k.label[lang]}</Typography.Text>} data-testid={`kpi-chart-${k.kpiCode}`}>
      <div style={{ width: '100%', height: 220 }}>
        <ResponsiveContainer>
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="monthly" name={t('kpi.monthly')} fill="#91caff" radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Line dataKey="cumulative" name={t('kpi.cumulative')} stroke="#0b5cad" strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line dataKey="expected" name={t('kpi.target')} stroke="#fa8c16" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

/** Which KPIs break down by a region their data names (transfers by origin), said under the chart: the rest are by publisher. */
function regionBasisNote(kpis: readonly KpiView[], lang: 'zh' | 'en', t: TFunction): string | undefined {
  const byData = kpis.filter((k) => k.definition?.regionPath);
  if (byData.length === 0) return undefined;
  const sep = lang === 'zh' ? '、' : ', ';
  return t('kpi.regionBasis', { kpis: byData.map((k) => `${lang === 'zh' ? '「' : '“'}${shortLabel(k.label[lang], 40)}${lang === 'zh' ? '」' : '”'}`).join(sep) });
}

/**
 * Each KPI's value split by a dimension: bars of the shares (the KPIs have
 * different units and scales, so absolute bars would not compare), and the
 * absolute numbers under them in a table, which is what a reader quotes.
 */
function Breakdown({ title, kpis, pick, keys, colors, label, testId, note }: { title: string; kpis: readonly KpiView[]; pick: (k: KpiView) => Readonly<Record<string, number>>; keys: readonly string[]; colors: Record<string, string>; label: (key: string) => string; testId: string; note?: string | undefined }) {
  const { i18n, t } = useTranslation();
  const lang = langOf(i18n.language);
  const present = new Set(kpis.flatMap((k) => Object.keys(pick(k))));
  const allKeys = [...keys.filter((k) => present.has(k)), ...[...present].filter((k) => !keys.includes(k))];
  const data = kpis.map((k) => ({ name: shortLabel(k.label[lang], lang === 'zh' ? 11 : 26), ...pick(k) }));
  return (
    <Card size="small" title={title} data-testid={testId}>
      {allKeys.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('app.none')} />
      ) : (
        <div style={{ width: '100%', height: 60 + kpis.length * 44 }}>
          <ResponsiveContainer>
            <BarChart data={data} layout="vertical" stackOffset="expand" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="name" width={lang === 'zh' ? 160 : 190} tick={{ fontSize: 11 }} />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {allKeys.map((key) => (
                <Bar key={key} dataKey={key} name={label(key)} stackId="a" fill={colors[key] ?? '#bfbfbf'} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
      {allKeys.length > 0 && (
        <Table<KpiView>
          size="small"
          rowKey="kpiCode"
          pagination={false}
          dataSource={[...kpis]}
          data-testid={`${testId}-table`}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('kpi.breakdownKpi'), key: 'kpi', render: (_: unknown, k) => shortLabel(k.label[lang], lang === 'zh' ? 16 : 36) },
            ...allKeys.map((key) => ({ title: label(key), key, align: 'right' as const, render: (_: unknown, k: KpiView) => <span data-key={key}>{pick(k)[key] ?? 0}</span> })),
            { title: t('kpi.breakdownTotal'), key: 'total', align: 'right' as const, render: (_: unknown, k: KpiView) => k.value },
          ]}
        />
      )}
      {note && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }} data-testid={`${testId}-note`}>
          {note}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
