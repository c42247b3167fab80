import { useState } from 'react';
import { Link } from 'react-router';
import { Drawer, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Network, Region } from '@tjc/contracts';
import { useRecords } from '../../components/useRecords';
import { isApiError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAuth } from '../../auth/AuthProvider';
import { isCenterAdmin } from '../../auth/session';
import { TraceLink } from '../../components/TraceLink';
import { formatDateTime } from '../../lib/format';
import { labelOf, langOf, sourceLabel } from '../../i18n/labels';
import { EventTypeLabel } from '../../components/CodeLabel';
import type { KpiView, Lineage, LineageAttribution, LineageItem, LineageStatus } from './types';

/** The console's page of a record, where it has one (research projects, partners' too: they keep the partner's id). */
function recordPath(item: Pick<LineageItem, 'aggregate' | 'subject'>): string | undefined {
  return item.aggregate === 'project' ? `/research/projects/${encodeURIComponent(item.subject)}` : undefined;
}

const STATUS_COLOR: Record<LineageStatus, string> = { counted: 'green', duplicate: 'orange', retracted: 'red', excluded: 'default' };
const ROLE_COLOR: Record<NonNullable<LineageAttribution['centerRole']>, string> = { own: 'blue', joint: 'cyan', 'partner-only': 'default' };

/** Drill-down: the exact events behind one KPI value, each with what it did. */
export function LineageDrawer({ year, kpi, asOf, onClose }: { year: number; kpi: KpiView; asOf: string | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [status, setStatus] = useState<LineageStatus | 'all'>('all');
  // Paged on the server (#19.1): a KPI of a busy year has thousands of events behind it.
  const q = useRecords<LineageItem, Lineage>('kpi', `/kpi/${year}/${kpi.kpiCode}/lineage`, { asOf, status: status === 'all' ? undefined : status }, { queryKey: ['kpi', 'lineage', year, kpi.kpiCode, asOf ?? 'live'], pageSize: 50 });
  const statuses: LineageStatus[] = ['counted', 'duplicate', 'retracted', 'excluded'];
  // The center corrects events; the link opens the corrections form for this one.
  const admin = isCenterAdmin(useAuth().session);
  return (
    <Drawer open size={1100} onClose={onClose} title={t('kpi.lineageTitle', { label: kpi.label[lang] })} data-testid="lineage-drawer">
      {isApiError(q.error) && <ProblemAlert problem={q.error.problem} />}
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as LineageStatus | 'all')}
          options={[{ value: 'all', label: t('app.all') }, ...statuses.map((s) => ({ value: s, label: `${t(`kpi.lineage.statuses.${s}`)}${q.data ? ` ${q.data.summary[s] ?? 0}` : ''}` }))]}
        />
        {q.data && (
          <Typography.Text strong>
            {t('kpi.value')}: {q.data.value} / {q.data.target} {q.data.unit[lang]}
          </Typography.Text>
        )}
      </Flex>
      <Table<LineageItem>
        size="small"
        rowKey={(r) => `${r.source}|${r.eventId}`}
        loading={q.isLoading}
        dataSource={[...(q.data?.items ?? [])]}
        pagination={q.pagination}
        scroll={{ x: 1200 }}
        onRow={(r) => ({ 'data-subject': r.subject, 'data-event-id': r.eventId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          // The business date: when it happened, which decides the year and the month it counts in.
          { title: t('kpi.lineage.time'), dataIndex: 'time', width: 150, render: (d: string) => formatDateTime(d, lang) },
          {
            title: t('kpi.lineage.record'),
            key: 'record',
            width: 300,
            render: (_: unknown, r) => {
              const path = recordPath(r);
              const name = r.headline ?? r.subject;
              return (
                <Flex vertical gap={0} data-testid="lineage-record">
                  {path ? (
                    <Link to={path} data-testid="lineage-record-link">
                      {name}
                    </Link>
                  ) : (
                    <Typography.Text>{name}</Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} copyable={{ text: r.subject }}>
                    {r.aggregate ? `${t(`kpi.lineage.aggregates.${r.aggregate}`, { defaultValue: r.aggregate })} · ` : ''}
                    {r.subject}
                  </Typography.Text>
                </Flex>
              );
            },
          },
          {
            title: t('kpi.lineage.type'),
            dataIndex: 'type',
            width: 160,
            render: (v: string, r) => (
              <Typography.Text copyable={{ text: r.eventId }} title={`${v} · ${r.eventId}`} data-testid="lineage-type">
                <EventTypeLabel type={v} />
              </Typography.Text>
            ),
          },
          { title: t('kpi.lineage.source'), dataIndex: 'source', width: 150, render: (s: string) => sourceLabel(s, lang) },
          { title: t('kpi.lineage.region'), dataIndex: 'region', width: 70, render: (r: string) => labelOf(Region, r, lang) },
          { title: t('kpi.lineage.network'), dataIndex: 'network', width: 100, render: (n: string) => labelOf(Network, n, lang) },
          { title: t('kpi.lineage.status'), dataIndex: 'status', width: 90, render: (s: LineageStatus) => <Tag color={STATUS_COLOR[s]}>{t(`kpi.lineage.statuses.${s}`)}</Tag> },
          { title: t('kpi.lineage.contribution'), dataIndex: 'contribution', width: 70, align: 'right' },
          {
            title: t('kpi.lineage.attribution'),
            dataIndex: 'attribution',
            width: 200,
            render: (a: LineageAttribution | null) =>
              a && (
                <span data-center-role={a.centerRole ?? a.basis} title={a.basisLabel[lang]}>
                  <Tag color={a.centerRole ? ROLE_COLOR[a.centerRole] : 'red'}>{(a.centerRoleLabel ?? a.basisLabel)[lang]}</Tag>
                  {a.organiser && <Typography.Text style={{ fontSize: 12 }}>{a.organiser.name}</Typography.Text>}
                </span>
              ),
          },
          { title: t('kpi.lineage.reason'), dataIndex: 'reason', ellipsis: true, render: (r: string | null) => r ?? '' },
          { title: t('kpi.lineage.trace'), key: 'trace', width: 90, render: (_: unknown, r) => <TraceLink eventId={r.eventId} service="kpi" /> },
          ...(admin
            ? [
                {
                  title: t('app.actions'),
                  key: 'correct',
                  width: 80,
                  render: (_: unknown, r: LineageItem) =>
                    r.status === 'retracted' ? null : (
                      <Link to={`/kpi/corrections?${new URLSearchParams({ source: r.source, type: r.type, id: r.eventId }).toString()}`} data-testid="lineage-correct">
                        {t('corrections.correct')}
                      </Link>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Drawer>
  );
}
