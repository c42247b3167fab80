import { useState } from 'react';
import { Alert, App as AntApp, Button, Descriptions, Drawer, Flex, Form, Input, List, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { allDefinitions, SOURCE_IDS } from '@tjc/contracts';
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
import { codeLabel, eventTypeTitle, langOf, sourceLabel } from '../../i18n/labels';
import { CodeLabel, EventTypeLabel, TopicLabel } from '../../components/CodeLabel';
import { OPS_SERVICES } from './services';
import { bulkFilter, DEFAULT_FILTERS, ERROR_KINDS, failureReasons, listQuery, MAX_BULK, prettyJson, type BulkResult, type DeadLetterFilters } from './deadLetters';

/** packages/runtime DeadLetterView. */
interface DeadLetter {
  readonly id: string;
  readonly consumerGroup: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly source: string | null;
  readonly errorKind: string;
  readonly error: string;
  readonly firstError: string;
  readonly attempts: number;
  readonly status: 'pending' | 'replayed' | 'discarded';
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolvedBy: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
}

/** packages/runtime DeadLetterDetail: the dead letter with its audit trail. */
interface DeadLetterDetail extends DeadLetter {
  readonly history: readonly { seq: string; at: string; actor: string; action: string; requestId: string | null; detail: { outcome?: string; error?: string; reason?: string } }[];
}

const STATUS_COLOR = { pending: 'orange', replayed: 'green', discarded: 'default' } as const;

/**
 * Pending dead letters per service, from each service's own table (the API's `total` for the list's default filter, so the
 * badge counts exactly what the list first shows). The overview's card uses this too:
 * the metric `tjc_events_dead_lettered_total` counts since the process started, so after a restart it showed 5 beside 39 pending.
 */
export function usePendingDeadLetterCounts() {
  return useQuery({
    queryKey: ['ops', 'dead-letters', 'counts'],
    queryFn: async () =>
      Object.fromEntries(
        await Promise.all(
          OPS_SERVICES.map(async (s) => [s.key, await api.get<{ total: number }>(s.key, '/ops/dead-letters', { ...listQuery(DEFAULT_FILTERS), limit: 1 }).then((r) => r.total).catch(() => null)] as const),
        ),
      ),
    refetchInterval: 10_000,
  });
}

/** Dead letters of each service's consumer, with replay (through the consumer's own path) and discard. */
export function DeadLettersTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { message, modal } = AntApp.useApp();
  const qc = useQueryClient();
  const [service, setService] = useState<ServiceName>('research');
  const [filters, setFilters] = useState<DeadLetterFilters>(DEFAULT_FILTERS);
  const [discarding, setDiscarding] = useState<DeadLetter>();
  const [detailId, setDetailId] = useState<string>();
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkDiscard, setBulkDiscard] = useState<{ body: { ids: string[] } | { filter: Record<string, string> }; count: number }>();
  const [bulkResult, setBulkResult] = useState<{ action: 'replay' | 'discard'; result: BulkResult }>();
  const action = useApiForm(undefined, []);
  const serviceName = OPS_SERVICES.find((s) => s.key === service)?.name ?? service;
  const setFilter = (patch: Partial<DeadLetterFilters>) => { setFilters((f) => ({ ...f, ...patch })); setSelected([]); };

  const counts = usePendingDeadLetterCounts();
  const list = useRecords<DeadLetter>(service, '/ops/dead-letters', listQuery(filters), { queryKey: ['ops', 'dead-letters', service] });
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: ['ops', 'dead-letters'] }), qc.invalidateQueries({ queryKey: ['ops', 'metrics'] })]);
  const total = list.data?.total ?? 0;
  const matching = bulkFilter(filters);

  async function replay(d: DeadLetter) {
    const outcome = await action.run(() => api.post<{ outcome: string }>(service, `/ops/dead-letters/${d.id}/replay`));
    // A message has no room for a muted code: an outcome this console does not know is shown as it came.
    if (outcome.ok) message.success(t('ops.replayed', { outcome: codeLabel(i18n, 'ops.replayOutcomes', outcome.value.outcome) ?? outcome.value.outcome }));
    await refresh();
  }

  async function replayMany(body: { ids: string[] } | { filter: Record<string, string> }) {
    const outcome = await action.run(() => api.post<BulkResult>(service, '/ops/dead-letters/replay', body));
    if (outcome.ok) { setBulkResult({ action: 'replay', result: outcome.value }); setSelected([]); }
    await refresh();
  }

  const confirmReplay = (body: { ids: string[] } | { filter: Record<string, string> }, count: number) =>
    modal.confirm({ title: t('ops.confirmReplay', { count }), okText: t('ops.replay'), onOk: () => replayMany(body) });

  return (
    <>
      <Flex gap={12} style={{ marginBottom: 12 }} wrap align="center">
        <Segmented
          value={service}
          onChange={(v) => { setService(v as ServiceName); action.clear(); }}
          data-testid="dl-service"
          options={OPS_SERVICES.map((s) => {
            const n = counts.data?.[s.key];
            return { value: s.key, label: <span data-testid={`dl-service-${s.key}`} title={s.name}>{t(`ops.services.${s.key}`)}{n ? <Tooltip title={t('ops.pendingBadge', { count: n })}><Tag color="orange" style={{ marginInlineStart: 6 }} aria-label={t('ops.pendingBadge', { count: n })}>{n}</Tag></Tooltip> : null}</span> };
          })}
        />
        <Select
          value={filters.status}
          onChange={(status) => setFilter({ status })}
          style={{ width: 140 }}
          data-testid="dl-status"
          options={[
            { value: 'pending', label: t('ops.pending') },
            { value: 'replayed', label: t('ops.deadLetterStatuses.replayed') },
            { value: 'discarded', label: t('ops.deadLetterStatuses.discarded') },
            { value: 'all', label: t('ops.allStatuses') },
          ]}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: ['label', 'value'] }}
          value={filters.eventType}
          onChange={(eventType?: string) => setFilter({ eventType })}
          placeholder={t('ops.allEventTypes')}
          style={{ width: 220 }}
          data-testid="dl-event-type"
          options={allDefinitions().map((d) => ({ value: d.type, label: d.title[lang] }))}
        />
        <Select
          allowClear
          value={filters.errorKind}
          onChange={(errorKind?: string) => setFilter({ errorKind })}
          placeholder={t('ops.allErrorKinds')}
          style={{ width: 170 }}
          data-testid="dl-error-kind"
          options={ERROR_KINDS.map((k) => ({ value: k, label: t(`ops.errorKinds.${k}`) }))}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: ['label', 'value'] }}
          value={filters.source}
          onChange={(source?: string) => setFilter({ source })}
          placeholder={t('ops.allSources')}
          style={{ width: 200 }}
          data-testid="dl-source"
          options={SOURCE_IDS.map((s) => ({ value: s, label: sourceLabel(s, lang) }))}
        />
        <Input.Search allowClear placeholder={t('ops.searchError')} style={{ width: 220 }} onSearch={(q) => setFilter({ q })} data-testid="dl-search" />
      </Flex>
      <Flex gap={8} style={{ marginBottom: 12 }} wrap align="center">
        <Typography.Text type="secondary">{t('ops.selected', { count: selected.length })}</Typography.Text>
        <Button size="small" disabled={selected.length === 0} onClick={() => confirmReplay({ ids: selected }, selected.length)} data-testid="dl-replay-selected">{t('ops.replaySelected')}</Button>
        <Button size="small" danger disabled={selected.length === 0} onClick={() => setBulkDiscard({ body: { ids: selected }, count: selected.length })} data-testid="dl-discard-selected">{t('ops.discardSelected')}</Button>
        {matching && total > 0 && (
          <Tooltip title={total > MAX_BULK ? t('ops.bulkLimit', { max: MAX_BULK }) : undefined}>
            <Space size={8}>
              <Button size="small" disabled={total > MAX_BULK} onClick={() => confirmReplay({ filter: matching }, total)} data-testid="dl-replay-matching">{t('ops.replayMatching', { count: total })}</Button>
              <Button size="small" danger disabled={total > MAX_BULK} onClick={() => setBulkDiscard({ body: { filter: matching }, count: total })} data-testid="dl-discard-matching">{t('ops.discardMatching', { count: total })}</Button>
            </Space>
          </Tooltip>
        )}
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
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)), getCheckboxProps: (d) => ({ disabled: d.status !== 'pending' }) }}
        columns={[
          { title: t('app.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v, lang) },
          { title: t('ops.topic'), dataIndex: 'topic', width: 200, render: (v: string, d) => <Tooltip title={t('ops.position', { partition: d.partition, offset: d.offset, group: d.consumerGroup })}><span><TopicLabel topic={v} /></span></Tooltip> },
          { title: t('ops.eventType'), dataIndex: 'eventType', width: 210, render: (v: string | null) => <EventTypeLabel type={v} /> },
          { title: t('ops.source'), dataIndex: 'source', width: 150, render: (v: string | null) => sourceLabel(v, lang) },
          { title: t('ops.kind'), dataIndex: 'errorKind', width: 110, render: (v: string) => <CodeLabel family="ops.errorKinds" code={v} color="default" /> },
          { title: t('ops.error'), dataIndex: 'error', ellipsis: { showTitle: true } },
          { title: t('ops.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
          { title: t('app.status'), dataIndex: 'status', width: 90, render: (s: DeadLetter['status']) => <Tag color={STATUS_COLOR[s]} data-testid={`dl-status-${s}`}><CodeLabel family="ops.deadLetterStatuses" code={s} /></Tag> },
          { title: t('ops.trace'), key: 'trace', width: 80, render: (_: unknown, d) => <TraceLink eventId={d.eventId} traceparent={traceparentInEnvelope(d.value) ?? null} service={serviceName} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            width: 200,
            fixed: 'right',
            render: (_: unknown, d) => (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setDetailId(d.id)} data-testid="dl-details">{t('ops.details')}</Button>
                {d.status === 'pending' ? (
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
                )}
              </Space>
            ),
          },
        ]}
      />
      {discarding && <DiscardModal service={service} deadLetter={discarding} onClose={async (done) => { setDiscarding(undefined); if (done) { message.success(t('ops.discarded')); await refresh(); } }} />}
      {bulkDiscard && (
        <BulkDiscardModal
          service={service}
          body={bulkDiscard.body}
          count={bulkDiscard.count}
          onClose={async (result) => { setBulkDiscard(undefined); if (result) { setBulkResult({ action: 'discard', result }); setSelected([]); await refresh(); } }}
        />
      )}
      {bulkResult && <BulkResultModal {...bulkResult} onClose={() => setBulkResult(undefined)} />}
      {detailId && <DetailDrawer service={service} id={detailId} onClose={() => setDetailId(undefined)} />}
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

function BulkDiscardModal({ service, body, count, onClose }: { service: ServiceName; body: { ids: string[] } | { filter: Record<string, string> }; count: number; onClose: (result?: BulkResult) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const state = useApiForm(form, ['reason']);
  return (
    <Modal open title={t('ops.discardMatching', { count })} onCancel={() => onClose()} okText={t('ops.discard')} okButtonProps={{ danger: true, loading: state.submitting, ...{ 'data-testid': 'dl-bulk-discard-confirm' } }} onOk={() => form.submit()}>
      <Typography.Paragraph>{t('ops.confirmDiscard', { count })}</Typography.Paragraph>
      <ProblemAlert problem={state.problem?.kind === 'validation' ? undefined : state.problem} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          const outcome = await state.run(() => api.post<BulkResult>(service, '/ops/dead-letters/discard', { ...body, reason: v.reason }));
          if (outcome.ok) onClose(outcome.value);
        }}
      >
        <Form.Item name="reason" label={t('ops.discardReason')} rules={[{ required: true }, { max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="dl-bulk-discard-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BulkResultModal({ action, result, onClose }: { action: 'replay' | 'discard'; result: BulkResult; onClose: () => void }) {
  const { t } = useTranslation();
  const reasons = failureReasons(result);
  return (
    <Modal open title={t('ops.bulkResult')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} data-testid="dl-bulk-result">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Tag color="green">{t(action === 'replay' ? 'ops.bulkReplayed' : 'ops.bulkDiscarded', { count: result.succeeded })}</Tag>
          {action === 'replay' && <Tag color={result.failed ? 'red' : 'default'}>{t('ops.bulkFailed', { count: result.failed })}</Tag>}
          <Tag>{t('ops.bulkSkipped', { count: result.skipped })}</Tag>
        </Space>
        {reasons.length > 0 && (
          <Alert
            type="error"
            message={t('ops.failedReasons')}
            description={<List size="small" dataSource={reasons} renderItem={(r) => <List.Item>{r.error}{t('ops.reasonCount', { count: r.count })}</List.Item>} />}
          />
        )}
      </Space>
    </Modal>
  );
}

function DetailDrawer({ service, id, onClose }: { service: ServiceName; id: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const detail = useQuery({ queryKey: ['ops', 'dead-letters', service, 'detail', id], queryFn: () => api.get<DeadLetterDetail>(service, `/ops/dead-letters/${id}`) });
  const d = detail.data;
  const pre = (text: string) => <pre style={{ maxHeight: 320, overflow: 'auto', margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>{text}</pre>;
  return (
    <Drawer open width={720} title={t('ops.deadLetterDetail')} onClose={onClose} loading={detail.isLoading} data-testid="dl-detail">
      {isApiError(detail.error) && <ProblemAlert problem={detail.error.problem} />}
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('ops.eventType')} span={2}><EventTypeLabel type={d.eventType} /></Descriptions.Item>
            <Descriptions.Item label={t('ops.source')}>{sourceLabel(d.source, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('ops.eventId')}>{d.eventId ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ops.topic')} span={2}>{d.topic}</Descriptions.Item>
            <Descriptions.Item label={t('ops.partition')}>{d.partition}</Descriptions.Item>
            <Descriptions.Item label={t('ops.offset')}>{d.offset}</Descriptions.Item>
            <Descriptions.Item label={t('ops.consumerGroup')} span={2}>{d.consumerGroup}</Descriptions.Item>
            <Descriptions.Item label={t('ops.kind')}><CodeLabel family="ops.errorKinds" code={d.errorKind} color="default" /></Descriptions.Item>
            <Descriptions.Item label={t('ops.attempts')}>{d.attempts}</Descriptions.Item>
            <Descriptions.Item label={t('app.status')}><Tag color={STATUS_COLOR[d.status]}><CodeLabel family="ops.deadLetterStatuses" code={d.status} /></Tag></Descriptions.Item>
            <Descriptions.Item label={t('app.createdAt')}>{formatDateTime(d.createdAt, lang)}</Descriptions.Item>
            {d.resolvedAt && <Descriptions.Item label={t('ops.resolvedAt')} span={2}>{formatDateTime(d.resolvedAt, lang)} · {d.resolvedBy}</Descriptions.Item>}
            <Descriptions.Item label={t('ops.firstError')} span={2}>{d.firstError}</Descriptions.Item>
            {d.error !== d.firstError && <Descriptions.Item label={t('ops.lastError')} span={2}>{d.error}</Descriptions.Item>}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('ops.history')}</Typography.Title>
            {d.history.length === 0 ? (
              <Typography.Text type="secondary">{t('ops.noHistory')}</Typography.Text>
            ) : (
              <List
                size="small"
                dataSource={[...d.history]}
                data-testid="dl-history"
                renderItem={(h) => (
                  <List.Item>
                    <Space direction="vertical" size={0}>
                      <Space wrap>
                        <Typography.Text>{formatDateTime(h.at, lang)}</Typography.Text>
                        <CodeLabel family="audit.actions" code={h.action} />
                        <Typography.Text type="secondary">{h.actor}</Typography.Text>
                      </Space>
                      {h.detail.outcome && <Typography.Text>{t('ops.historyOutcome', { outcome: codeLabel(i18n, 'ops.replayOutcomes', h.detail.outcome) ?? h.detail.outcome })}</Typography.Text>}
                      {h.detail.error && <Typography.Text type="danger">{t('ops.historyError', { error: h.detail.error })}</Typography.Text>}
                      {h.detail.reason && <Typography.Text>{t('ops.historyReason', { reason: h.detail.reason })}</Typography.Text>}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </div>
          <div>
            <Typography.Title level={5}>{t('ops.headers')}</Typography.Title>
            {pre(JSON.stringify(d.headers, null, 2))}
          </div>
          <div>
            <Typography.Title level={5}>{t('ops.rawValue')}</Typography.Title>
            {pre(prettyJson(d.value))}
          </div>
        </Space>
      )}
    </Drawer>
  );
}
