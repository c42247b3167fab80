import { Badge, Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { metricTotal, parsePrometheus, throughputByTopic, type TopicThroughput } from '../../lib/prometheus';
import { langOf } from '../../i18n/labels';
import { CodeLabel, TopicLabel } from '../../components/CodeLabel';
import { usePendingDeadLetterCounts } from './DeadLettersTab';
import { fetchReadiness, OPS_SERVICES, type ConsumerHealth } from './services';

/** Per service: readiness with consumer lag (/health/ready) and throughput by topic (/metrics). */
export function ConsumersTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const ready = useQueries({ queries: OPS_SERVICES.map((s) => ({ queryKey: ['ops', 'ready', s.key], queryFn: () => fetchReadiness(s.key), refetchInterval: 5_000 })) });
  const metrics = useQueries({
    queries: OPS_SERVICES.map((s) => ({ queryKey: ['ops', 'metrics', s.key], queryFn: async () => parsePrometheus(await api.text(s.key, '/metrics')), refetchInterval: 10_000, retry: false })),
  });

  const rows = OPS_SERVICES.map((s, i) => {
    const r = ready[i]?.data;
    const samples = metrics[i]?.data ?? [];
    const consumer = (r?.details?.['consumer'] ?? {}) as ConsumerHealth & { status?: string };
    return {
      key: s.key,
      name: s.name,
      reachable: r !== undefined,
      ready: r?.status === 'ok',
      database: r?.details?.['database']?.status,
      consumer,
      topics: throughputByTopic(samples),
      backlog: metricTotal(samples, 'tjc_outbox_backlog'),
    };
  });
  const totalLag = rows.reduce((a, r) => a + (r.consumer.lag ?? 0), 0);
  const readyCount = rows.filter((r) => r.ready).length;
  const consumed = rows.reduce((a, r) => a + r.topics.reduce((b, x) => b + x.consumed, 0), 0);
  // Pending dead letters are the services' tables (what the 死信 tab lists), not the metric: that counts since each process started.
  const deadCounts = usePendingDeadLetterCounts();
  const dead = Object.values(deadCounts.data ?? {}).reduce<number>((a, n) => a + (n ?? 0), 0);

  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}><Card size="small"><Statistic title={t('ops.ready')} value={readyCount} suffix={`/ ${rows.length}`} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('ops.lag')} value={totalLag} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('ops.consumed')} value={consumed} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('ops.pendingDeadLetters')} value={dead} /></Card></Col>
      </Row>
      <Table
        size="middle"
        pagination={false}
        dataSource={rows}
        data-testid="ops-consumers"
        expandable={{
          rowExpandable: (r) => r.topics.length > 0,
          expandedRowRender: (r) => (
            <Table<TopicThroughput>
              size="small"
              rowKey="topic"
              pagination={false}
              dataSource={r.topics}
              columns={[
                { title: t('ops.topic'), dataIndex: 'topic', render: (v: string) => <TopicLabel topic={v} /> },
                { title: t('ops.consumed'), dataIndex: 'consumed', align: 'right' },
                { title: t('ops.failed'), dataIndex: 'failed', align: 'right' },
                { title: t('ops.deadLettered'), dataIndex: 'deadLettered', align: 'right', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v) },
                { title: t('ops.lag'), dataIndex: 'lag', align: 'right' },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('ops.service'), dataIndex: 'name', render: (v: string, r) => <Typography.Text strong title={v}>{t(`ops.services.${r.key}`)}</Typography.Text> },
          {
            title: t('app.status'),
            key: 'status',
            render: (_: unknown, r) => (r.reachable ? <Badge status={r.ready ? 'success' : 'error'} text={r.ready ? t('ops.ready') : t('ops.notReady')} /> : <Badge status="default" text={t('ops.unreachable')} />),
          },
          { title: t('ops.database'), dataIndex: 'database', render: (v: string | undefined) => <CodeLabel family="ops.health" code={v} color={v === 'up' ? 'green' : 'red'} /> },
          {
            title: t('ops.consumer'),
            key: 'consumer',
            render: (_: unknown, r) =>
              r.consumer.consumer === 'none' ? '—' : r.consumer.joined ? <Tag color="green">{t('ops.joined')}</Tag> : r.reachable ? <Tag color="red">{r.consumer.crashed ?? t('ops.notReady')}</Tag> : '—',
          },
          { title: t('ops.lag'), key: 'lag', align: 'right', render: (_: unknown, r) => (r.consumer.lag === undefined ? '—' : <Typography.Text {...(r.consumer.lag > 100 && { type: 'danger' as const })}>{r.consumer.lag}</Typography.Text>) },
          { title: t('ops.stalled'), key: 'stalled', render: (_: unknown, r) => (r.consumer.stalled ? <Tag color="red">{t('ops.stalled')}</Tag> : '—') },
          { title: t('ops.lastProgress'), key: 'progress', render: (_: unknown, r) => (r.consumer.lastProgressAt ? formatDateTime(new Date(r.consumer.lastProgressAt).toISOString(), lang) : '—') },
          { title: t('ops.outboxBacklog'), dataIndex: 'backlog', align: 'right' },
        ]}
      />
    </>
  );
}
