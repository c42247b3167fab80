import { useState } from 'react';
import { App as AntApp, Button, Flex, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ServiceName } from '../../api/client';
import { isApiError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TraceLink } from '../../components/TraceLink';
import { useApiForm } from '../../components/useApiForm';
import { useRecords } from '../../components/useRecords';
import { formatDateTime } from '../../lib/format';
import { traceparentInEnvelope } from '../../lib/trace';
import { codeLabel, eventTypeTitle, langOf } from '../../i18n/labels';
import { CodeLabel, EventTypeLabel, TopicLabel } from '../../components/CodeLabel';
import { OPS_SERVICES } from './services';

/** packages/runtime DeadLetterView. */
interface DeadLetter {
  readonly id: string;
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly errorKind: string;
  readonly error: string;
  readonly attempts: number;
  readonly status: 'pending' | 'replayed' | 'discarded';
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly value: string | null;
}

const STATUS_COLOR = { pending: 'orange', replayed: 'green', discarded: 'default' } as const;

/**
 * Pending dead letters per service, from each service's own table (the API's `total`). The overview's card uses this too:
 * the metric `tjc_events_dead_lettered_total` counts since the process started, so after a restart it showed 5 beside 39 pending.
 */
export function usePendingDeadLetterCounts() {
  return useQuery({
    queryKey: ['ops', 'dead-letters', 'counts'],
    queryFn: async () =>
      Object.fromEntries(
        await Promise.all(
          OPS_SERVICES.map(async (s) => [s.key, await api.get<{ total: number }>(s.key, '/ops/dead-letters', { status: 'pending', limit: 1 }).then((r) => r.total).catch(() => null)] as const),
        ),
      ),
    refetchInterval: 10_000,
  });
}

/** Dead letters of each service's consumer, with replay (through the consumer's own path) and discard. */
export function DeadLettersTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [service, setService] = useState<ServiceName>('research');
  const [status, setStatus] = useState<'pending' | 'replayed' | 'discarded' | 'all'>('pending');
  const [discarding, setDiscarding] = useState<DeadLetter>();
  const action = useApiForm(undefined, []);
  const serviceName = OPS_SERVICES.find((s) => s.key === service)?.name ?? service;

  const counts = usePendingDeadLetterCounts();
  const list = useRecords<DeadLetter>(service, '/ops/dead-letters', { status: status === 'all' ? undefined : status }, { queryKey: ['ops', 'dead-letters', service] });
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['ops', 'dead-letters'] }), qc.invalidateQueries({ queryKey: ['ops', 'metrics'] })]);

  async function replay(d: DeadLetter) {
    const outcome = await action.run(() => api.post<{ outcome: string }>(service, `/ops/dead-letters/${d.id}/replay`));
    // A message has no room for a muted code: an outcome this console does not know is shown as it came.
    if (outcome.ok) message.success(t('ops.replayed', { outcome: codeLabel(i18n, 'ops.replayOutcomes', outcome.value.outcome) ?? outcome.value.outcome }));
    await refresh();
  }

  return (
    <>
      <Flex gap={12} style={{ marginBottom: 12 }} wrap align="center">
        <Segmented
          value={service}
          onChange={(v) => { setService(v as ServiceName); action.clear(); }}
          data-testid="dl-service"
          options={OPS_SERVICES.map((s) => {
            const n = counts.data?.[s.key];
            return { value: s.key, label: <span data-testid={`dl-service-${s.key}`} title={s.name}>{t(`ops.services.${s.key}`)}{n ? <Tag color="orange" style={{ marginInlineStart: 6 }}>{n}</Tag> : null}</span> };
          })}
        />
        <Select
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={[
            { value: 'pending', label: t('ops.pending') },
            { value: 'replayed', label: t('ops.deadLetterStatuses.replayed') },
            { value: 'discarded', label: t('ops.deadLetterStatuses.discarded') },
            { value: 'all', label: t('ops.allStatuses') },
          ]}
        />
      </Flex>
      {action.problem && <div style={{ marginBottom: 12 }}><ProblemAlert problem={action.problem} onClose={action.clear} /></div>}
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<DeadLetter>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        data-testid="dead-letters"
        pagination={list.pagination}
        scroll={{ x: 1100 }}
        expandable={{ expandedRowRender: (d) => <pre style={{ maxHeight: 240, overflow: 'auto', margin: 0, fontSize: 12 }}>{prettyJson(d.value)}</pre> }}
        columns={[
          { title: t('app.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v, lang) },
          { title: t('ops.topic'), dataIndex: 'topic', width: 200, render: (v: string, d) => <Tooltip title={t('ops.position', { partition: d.partition, offset: d.offset, group: d.consumerGroup })}><span><TopicLabel topic={v} /></span></Tooltip> },
          { title: t('ops.eventType'), dataIndex: 'eventType', width: 210, render: (v: string | null) => <EventTypeLabel type={v} /> },
          { title: t('ops.kind'), dataIndex: 'errorKind', width: 110, render: (v: string) => <CodeLabel family="ops.errorKinds" code={v} color="default" /> },
          { title: t('ops.error'), dataIndex: 'error', ellipsis: { showTitle: true } },
          { title: t('ops.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
          { title: t('app.status'), dataIndex: 'status', width: 90, render: (s: DeadLetter['status']) => <Tag color={STATUS_COLOR[s]} data-testid={`dl-status-${s}`}><CodeLabel family="ops.deadLetterStatuses" code={s} /></Tag> },
          { title: t('ops.trace'), key: 'trace', width: 80, render: (_: unknown, d) => <TraceLink eventId={d.eventId} traceparent={traceparentInEnvelope(d.value) ?? null} service={serviceName} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            width: 150,
            fixed: 'right',
            render: (_: unknown, d) =>
              d.status === 'pending' ? (
                <Space size={4}>
                  <Popconfirm title={`${t('ops.replay')}?`} onConfirm={() => replay(d)}>
                    <Button size="small" type="primary" data-testid="dl-replay">
                      {t('ops.replay')}
                    </Button>
                  </Popconfirm>
                  <Button size="small" danger onClick={() => setDiscarding(d)} data-testid="dl-discard">
                    {t('ops.discard')}
                  </Button>
                </Space>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.resolvedBy ?? ''}</Typography.Text>
              ),
          },
        ]}
      />
      {discarding && <DiscardModal service={service} deadLetter={discarding} onClose={async (done) => { setDiscarding(undefined); if (done) { message.success(t('ops.discarded')); await refresh(); } }} />}
    </>
  );
}

function DiscardModal({ service, deadLetter, onClose }: { service: ServiceName; deadLetter: DeadLetter; onClose: (done: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const state = useApiForm(form, ['reason']);
  return (
    <Modal
      open
      title={`${t('ops.discard')} · ${(deadLetter.eventType && eventTypeTitle(deadLetter.eventType, langOf(i18n.language))) ?? deadLetter.eventType ?? deadLetter.id}`}
      onCancel={() => onClose(false)}
      okText={t('ops.discard')}
      okButtonProps={{ danger: true, loading: state.submitting, ...{ 'data-testid': 'dl-discard-confirm' } }}
      onOk={() => form.submit()}
    >
      <ProblemAlert problem={state.problem?.kind === 'validation' ? undefined : state.problem} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          const outcome = await state.run(() => api.post(service, `/ops/dead-letters/${deadLetter.id}/discard`, { reason: v.reason }));
          if (outcome.ok) onClose(true);
        }}
      >
        <Form.Item name="reason" label={t('ops.discardReason')} rules={[{ required: true }, { max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="dl-discard-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function prettyJson(value: string | null): string {
  if (!value) return '—';
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
