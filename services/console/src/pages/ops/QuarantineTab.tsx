import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRecords } from '../../components/useRecords';
import { TraceLink } from '../../components/TraceLink';
import { useApiForm } from '../../components/useApiForm';
import { formatDateTime } from '../../lib/format';
import { langOf, sourceLabel } from '../../i18n/labels';
import { CodeLabel, EventTypeLabel } from '../../components/CodeLabel';

/** services/partner-gateway QuarantineSummary. */
interface QuarantineEntry {
  readonly id: string;
  readonly partner: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly kind: string;
  readonly issues: readonly { readonly path?: string; readonly rule?: string; readonly message: string }[];
  readonly rawBytes: number;
  readonly status: 'pending' | 'resolved';
  readonly version: number;
}

/** Partner input the gateway refused, with its reasons; ops and center admins resolve entries. */
export function QuarantineTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'pending' | 'resolved' | 'all'>('pending');
  const [resolving, setResolving] = useState<QuarantineEntry>();
  const list = useRecords<QuarantineEntry>('gateway', '/quarantine', { status: status === 'all' ? undefined : status }, { queryKey: ['ops', 'quarantine'] });
  return (
    <>
      <Select
        value={status}
        onChange={setStatus}
        style={{ width: 140, marginBottom: 12 }}
        options={[
          { value: 'pending', label: t('ops.pending') },
          { value: 'resolved', label: t('ops.resolved') },
          { value: 'all', label: t('ops.allStatuses') },
        ]}
      />
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<QuarantineEntry>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        data-testid="quarantine"
        pagination={list.pagination}
        columns={[
          { title: t('ops.receivedAt'), dataIndex: 'receivedAt', width: 140, render: (v: string) => formatDateTime(v, lang) },
          { title: t('ops.partner'), dataIndex: 'partner', width: 170, render: (p: string) => sourceLabel(`partner/${p}`, lang) },
          { title: t('ops.channel'), dataIndex: 'channel', width: 70, render: (c: string) => <CodeLabel family="ops.channels" code={c} color="default" /> },
          { title: t('ops.eventType'), dataIndex: 'eventType', width: 220, render: (v: string | null) => <EventTypeLabel type={v} /> },
          { title: t('ops.kind'), dataIndex: 'kind', width: 150, render: (k: string) => <CodeLabel family="ops.quarantineKinds" code={k} color="volcano" /> },
          {
            title: t('ops.issues'),
            dataIndex: 'issues',
            render: (issues: QuarantineEntry['issues']) => (
              <Tooltip title={<ul style={{ margin: 0, paddingInlineStart: 16 }}>{issues.map((i, n) => <li key={n}>{i.path ? `${i.path}: ` : ''}{i.message}</li>)}</ul>}>
                <Typography.Text ellipsis style={{ maxWidth: 320 }}>
                  {issues[0] ? `${issues[0].path ? `${issues[0].path}: ` : ''}${issues[0].message}` : '—'}
                  {issues.length > 1 ? t('ops.moreIssues', { count: issues.length - 1 }) : ''}
                </Typography.Text>
              </Tooltip>
            ),
          },
          { title: t('app.status'), dataIndex: 'status', width: 80, render: (s: string) => <Tag color={s === 'pending' ? 'orange' : 'green'}>{s === 'pending' ? t('ops.pending') : t('ops.resolved')}</Tag> },
          { title: t('ops.trace'), key: 'trace', width: 80, render: (_: unknown, q) => <TraceLink eventId={q.eventId} service="partner-gateway" /> },
          { title: t('app.actions'), key: 'a', width: 100, render: (_: unknown, q) => (q.status === 'pending' ? <Button size="small" onClick={() => setResolving(q)}>{t('ops.resolve')}</Button> : null) },
        ]}
      />
      {resolving && (
        <ResolveModal
          entry={resolving}
          onClose={async (done) => {
            setResolving(undefined);
            if (done) {
              message.success(t('ops.resolved'));
              await qc.invalidateQueries({ queryKey: ['ops', 'quarantine'] });
            }
          }}
        />
      )}
    </>
  );
}

function ResolveModal({ entry, onClose }: { entry: QuarantineEntry; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const state = useApiForm(form, ['note']);
  return (
    <Modal open title={t('ops.resolve')} onCancel={() => onClose(false)} onOk={() => form.submit()} okButtonProps={{ loading: state.submitting }}>
      <ProblemAlert problem={state.problem?.kind === 'validation' ? undefined : state.problem} />
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          const outcome = await state.run(() => api.post('gateway', `/quarantine/${entry.id}/resolve`, { note: v.note, version: entry.version }));
          if (outcome.ok) onClose(true);
        }}
      >
        <Form.Item name="note" label={t('ops.resolveNote')} rules={[{ required: true }, { max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
