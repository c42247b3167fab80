import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Popconfirm, Progress, Row, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useApiForm } from '../../components/useApiForm';
import { formatDateTime } from '../../lib/format';
import { langOf } from '../../i18n/labels';
import { CodeLabel } from '../../components/CodeLabel';

interface Rebuild {
  readonly id: string;
  readonly status: string;
  /** Evaluations (one per KPI and year in force) the rebuild builds from the archive. */
  readonly evaluations: number;
  readonly processed: number;
  readonly total: number;
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

const KEY = 'tjc.console.kpi-rebuild';

/**
 * KPI read-model rebuild: start one, follow its progress. The KPI service has
 * no list of rebuilds, so the console remembers the last one it started.
 */
export function RebuildTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [id, setId] = useState<string | null>(() => localStorage.getItem(KEY));
  const start = useApiForm(undefined, []);
  const rebuild = useQuery({
    queryKey: ['ops', 'rebuild', id],
    enabled: id !== null,
    queryFn: () => api.get<Rebuild>('kpi', `/ops/kpi/rebuild/${id}`),
    refetchInterval: (q) => (q.state.data && q.state.data.finishedAt === null ? 1_500 : false),
  });
  const queues = useQuery({ queryKey: ['ops', 'kpi-queues'], queryFn: () => api.get<unknown>('kpi', '/ops/kpi/queues'), refetchInterval: 5_000 });
  const r = rebuild.data;
  const percent = r && r.total > 0 ? Math.round((r.processed / r.total) * 100) : r?.finishedAt ? 100 : 0;

  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card
          title={t('ops.rebuildStatus')}
          extra={
            <Popconfirm
              title={t('ops.rebuildConfirm')}
              onConfirm={async () => {
                const outcome = await start.run(() => api.post<{ id: string }>('kpi', '/ops/kpi/rebuild'));
                if (outcome.ok) {
                  localStorage.setItem(KEY, outcome.value.id);
                  setId(outcome.value.id);
                }
              }}
            >
              <Button type="primary" loading={start.submitting} data-testid="rebuild-start">
                {t('ops.rebuildStart')}
              </Button>
            </Popconfirm>
          }
        >
          <ProblemAlert problem={start.problem} onClose={start.clear} />
          {!r ? (
            <Empty description={t('ops.rebuildNone')} />
          ) : (
            <>
              <Progress percent={percent} status={r.error ? 'exception' : r.finishedAt ? 'success' : 'active'} />
              <Descriptions size="small" column={2} style={{ marginTop: 12 }}>
                <Descriptions.Item label={t('app.status')}><CodeLabel family="ops.rebuildStatuses" code={r.status} color={r.error ? 'red' : r.finishedAt ? 'green' : 'blue'} /></Descriptions.Item>
                <Descriptions.Item label={t('ops.evaluations')}>{r.evaluations}</Descriptions.Item>
                <Descriptions.Item label={t('ops.processed', { processed: r.processed, total: r.total })} span={2}>{''}</Descriptions.Item>
                <Descriptions.Item label={t('ops.requestedBy')}>{r.requestedBy}</Descriptions.Item>
                <Descriptions.Item label={t('ops.startedAt')}>{formatDateTime(r.startedAt, lang)}</Descriptions.Item>
                <Descriptions.Item label={t('ops.finishedAt')}>{formatDateTime(r.finishedAt, lang)}</Descriptions.Item>
                {r.error && <Descriptions.Item label={t('ops.error')} span={2}>{r.error}</Descriptions.Item>}
              </Descriptions>
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('ops.queues')}>
          <QueueTable data={queues.data} />
        </Card>
      </Col>
    </Row>
  );
}

/** GET /ops/kpi/queues: { <queue>: { <state>: count } } (shape kept loose: shown as it comes, names and states labelled). */
function QueueTable({ data }: { data: unknown }) {
  const { t } = useTranslation();
  const rows =
    typeof data === 'object' && data !== null
      ? Object.entries(data as Record<string, unknown>).map(([queue, states]) => ({
          queue,
          states: typeof states === 'object' && states !== null ? Object.entries(states as Record<string, unknown>) : [],
        }))
      : [];
  return (
    <Table
      size="small"
      rowKey="queue"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('ops.queue'), dataIndex: 'queue', render: (q: string) => <CodeLabel family="ops.queueNames" code={q} /> },
        {
          title: t('app.status'),
          dataIndex: 'states',
          render: (states: [string, unknown][]) =>
            states.map(([state, n], i) => (
              <span key={state}>
                {i > 0 && ' · '}
                <CodeLabel family="ops.jobStates" code={state} /> {String(n)}
              </span>
            )),
        },
      ]}
    />
  );
}
