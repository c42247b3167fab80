import { useState } from 'react';
import { App as AntApp, Alert, Button, Drawer, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { isApiError, type ApiProblem } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDateTime } from '../../lib/format';
import { langOf, sourceLabel } from '../../i18n/labels';
import type { Reconciliation, ReconciliationStatus } from './types';

const STATUS_COLORS: Record<ReconciliationStatus, string> = { pending: 'processing', confirmed: 'success', rejected: 'default' };
const PAGE_SIZE = 20;

/** The research coordinator's reconciliation queue (ADR 0016): confirm "same project", reject, or undo a confirmation. */
export function ReconciliationDrawer({ writable, onClose }: { writable: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [problem, setProblem] = useState<ApiProblem>();
  const query = useQuery({
    queryKey: ['research', 'reconciliations', page],
    queryFn: () => api.get<Page<Reconciliation>>('research', '/reconciliations', { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  });

  async function decide(r: Reconciliation, decision: 'confirmation' | 'rejection') {
    setProblem(undefined);
    try {
      await api.post<Reconciliation>('research', `/reconciliations/${encodeURIComponent(r.id)}/${decision}`, { version: r.version });
      message.success(t(decision === 'confirmation' ? 'research.reconcile.confirmed' : 'research.reconcile.rejected'));
    } catch (error) {
      if (isApiError(error)) setProblem(error.problem);
      else throw error;
    }
    // After a decision, or a 409 (someone decided first), show what is true now.
    await Promise.all([qc.invalidateQueries({ queryKey: ['research', 'reconciliations'] }), qc.invalidateQueries({ queryKey: ['research', 'projects'] })]);
  }

  const side = (p: Reconciliation['canonical']) =>
    p ? (
      <Space orientation="vertical" size={0}>
        <Typography.Text strong>{p.title}</Typography.Text>
        <Typography.Text type="secondary">
          {p.institutionName} · {sourceLabel(p.source, lang)} · {p.id}
        </Typography.Text>
        {p.foundAt && <Typography.Text type="secondary">{formatDateTime(p.foundAt, lang)}</Typography.Text>}
      </Space>
    ) : (
      '—'
    );

  return (
    <Drawer open size={980} onClose={onClose} destroyOnHidden title={t('research.reconcile.title')} data-testid="reconciliation-drawer">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('research.reconcile.hint')} />
      {problem && <ProblemAlert problem={problem} onClose={() => setProblem(undefined)} />}
      {isApiError(query.error) && <ProblemAlert problem={query.error.problem} />}
      <Table
        size="small"
        rowKey="id"
        data-testid="reconciliation-table"
        loading={query.isLoading}
        dataSource={[...(query.data?.items ?? [])]}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: query.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('research.reconcile.canonical'), render: (_: unknown, r: Reconciliation) => side(r.canonical) },
          { title: t('research.reconcile.duplicate'), render: (_: unknown, r: Reconciliation) => side(r.duplicate) },
          {
            title: t('research.reconcile.status'),
            width: 170,
            render: (_: unknown, r: Reconciliation) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLORS[r.status]} data-testid="reconciliation-status">
                  {t(`research.reconcile.statuses.${r.status}`)}
                </Tag>
                {r.decidedBy && (
                  <Typography.Text type="secondary">
                    {t('research.reconcile.decidedBy')}：{r.decidedBy}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: t('app.actions'),
            width: 220,
            render: (_: unknown, r: Reconciliation) =>
              writable && (
                <Space wrap>
                  {r.status === 'pending' && (
                    <Button size="small" type="primary" onClick={() => void decide(r, 'confirmation')} data-testid="reconciliation-confirm">
                      {t('research.reconcile.confirm')}
                    </Button>
                  )}
                  {r.status !== 'rejected' && (
                    <Popconfirm title={t(r.status === 'confirmed' ? 'research.reconcile.undo' : 'research.reconcile.reject')} onConfirm={() => decide(r, 'rejection')}>
                      <Button size="small" danger={r.status === 'confirmed'} data-testid="reconciliation-reject">
                        {t(r.status === 'confirmed' ? 'research.reconcile.undo' : 'research.reconcile.reject')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
    </Drawer>
  );
}

/** A project's partner reports: its own (a partner project) and the co-reports linked to it. */
export function PartnerReports({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const q = useQuery({
    queryKey: ['research', 'project', projectId, 'partner-reports'],
    queryFn: () => api.get<Page<PartnerReport>>('research', `/projects/${encodeURIComponent(projectId)}/partner-reports`, { limit: 100 }),
  });
  if (isApiError(q.error)) return <ProblemAlert problem={q.error.problem} />;
  return (
    <Table
      size="small"
      rowKey="eventId"
      loading={q.isLoading}
      pagination={false}
      locale={{ emptyText: t('research.coReports.empty') }}
      dataSource={[...(q.data?.items ?? [])]}
      columns={[
        { title: t('research.coReports.time'), dataIndex: 'time', render: (d: string) => formatDateTime(d, lang), width: 150 },
        { title: t('research.coReports.source'), dataIndex: 'source', render: (s: string) => sourceLabel(s, lang) },
        { title: t('research.coReports.reportedId'), dataIndex: 'reportedProjectId' },
        { title: t('research.coReports.link'), dataIndex: 'linkKind', render: (k: PartnerReport['linkKind']) => t(`research.coReports.links.${k ?? 'own'}`) },
        { title: t('research.coReports.refusal'), dataIndex: 'refusal', render: (r: string | null) => r ?? '—' },
      ]}
    />
  );
}

interface PartnerReport {
  readonly source: string;
  readonly eventId: string;
  readonly reportedProjectId: string;
  readonly linkedProjectId: string | null;
  readonly linkKind: 'reference' | 'reused-id' | 'reconciliation' | null;
  readonly refusal: string | null;
  readonly time: string;
}
