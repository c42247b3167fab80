import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ActivityType, CourseType, IndustryField, ReceiverKind, Region, TransferMode } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadOnlyBanner } from '../../components/ReadOnlyBanner';
import { useRecords } from '../../components/useRecords';
import type { Money } from '../../lib/format';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';

interface Transfer {
  readonly id: string;
  readonly status: string;
  readonly achievement: { readonly title: string; readonly field: string };
  readonly origin: { readonly name: string; readonly region: string };
  readonly askingPrice: Money | null;
  readonly receiver: { readonly kind: string; readonly name: string; readonly park: string | null } | null;
  readonly mode: string | null;
  readonly contractAmount: Money | null;
  readonly landedOn: string | null;
  readonly allowedTransitions: readonly string[];
  readonly version: number;
}
interface Session {
  readonly id: string;
  readonly course: { readonly type: string; readonly title: string };
  readonly title: string;
  readonly status: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly place: string;
  readonly enrolments: { readonly enrolled: number; readonly completed: number; readonly withdrawn: number };
}
interface Activity {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly status: string;
  readonly plannedOn: string;
  readonly place: string;
  readonly organisers: readonly string[];
  readonly partnerRegions: readonly string[];
  readonly heldOn: string | null;
  readonly participants: number | null;
  readonly pairsMatched: number | null;
  readonly allowedTransitions: readonly string[];
  readonly version: number;
}

type DateValue = { format(f: string): string };
const STATUS_COLOR: Record<string, string> = { candidate: 'default', matching: 'processing', negotiating: 'purple', landed: 'success', abandoned: 'default', planned: 'blue', open: 'processing', 'in-progress': 'purple', completed: 'success', held: 'success', cancelled: 'default' };

function StatusTag({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `service.statuses.${status}`;
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{i18n.exists(key) ? t(key) : status}</Tag>;
}

export function ServiceWorkspace() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('service.title')} description={t('service.description')} />
      <ReadOnlyBanner network="service" />
      <Tabs
        items={[
          { key: 'transfers', label: t('service.tabs.transfers'), children: <Transfers /> },
          { key: 'training', label: t('service.tabs.training'), children: <Training /> },
          { key: 'activities', label: t('service.tabs.activities'), children: <Activities /> },
        ]}
      />
    </>
  );
}

function Transfers() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'service');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const list = useRecords<Transfer>('service', '/transfers');
  const [matching, setMatching] = useState<Transfer>();
  const [abandoning, setAbandoning] = useState<Transfer>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['service'] });
  return (
    <>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Transfer>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20, showTotal: (n) => t('app.total', { count: n }) }}
        columns={[
          { title: t('service.fields.achievement'), key: 'a', render: (_: unknown, r) => <Typography.Text strong>{r.achievement.title}</Typography.Text> },
          { title: t('research.fields.field'), key: 'f', render: (_: unknown, r) => labelOf(IndustryField, r.achievement.field, lang) },
          { title: t('service.fields.origin'), key: 'o', render: (_: unknown, r) => `${r.origin.name} · ${labelOf(Region, r.origin.region, lang)}` },
          { title: t('service.fields.receiver'), key: 'r', render: (_: unknown, r) => (r.receiver ? `${r.receiver.name}${r.receiver.park ? ` · ${r.receiver.park}` : ''}` : '—') },
          { title: t('service.fields.mode'), dataIndex: 'mode', render: (m: string | null) => labelOf(TransferMode, m, lang) },
          { title: t('service.fields.landedOn'), dataIndex: 'landedOn', render: (v: string | null) => v ?? '—' },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, r) =>
              writable ? (
                <Space size={4}>
                  {r.allowedTransitions.includes('matching') && <Button size="small" onClick={() => setMatching(r)}>{t('service.matchTransfer')}</Button>}
                  {r.allowedTransitions.includes('abandoned') && <Button size="small" danger onClick={() => setAbandoning(r)}>{t('service.abandonTransfer')}</Button>}
                </Space>
              ) : null,
          },
        ]}
      />
      {matching && (
        <ActionModal<{ kind: string; name: string; park?: string }, Transfer>
          title={`${t('service.matchTransfer')} · ${matching.achievement.title}`}
          known={['kind', 'name', 'park']}
          rename={{ 'receiver.kind': 'kind', 'receiver.name': 'name', 'receiver.park': 'park' }}
          initialValues={{ kind: 'park' }}
          submit={(v) => api.post<Transfer>('service', `/transfers/${matching.id}/match`, { version: matching.version, receiver: { kind: v.kind, name: v.name, ...(v.park ? { park: v.park } : {}) } })}
          onCancel={() => setMatching(undefined)}
          onConflict={reload}
          onDone={() => { setMatching(undefined); message.success(t('service.matched')); reload(); }}
        >
          <Form.Item name="kind" label={t('service.fields.receiverKind')} rules={[{ required: true }]}>
            <Select options={optionsOf(ReceiverKind, lang)} />
          </Form.Item>
          <Form.Item name="name" label={t('service.fields.receiverName')} rules={[{ required: true }, { max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="park" label={t('service.fields.park')} rules={[{ max: 200 }]}>
            <Input placeholder="天开高教科创园" />
          </Form.Item>
        </ActionModal>
      )}
      {abandoning && (
        <ActionModal<{ reason: string }, Transfer>
          title={`${t('service.abandonTransfer')} · ${abandoning.achievement.title}`}
          known={['reason']}
          danger
          submit={(v) => api.post<Transfer>('service', `/transfers/${abandoning.id}/abandon`, { version: abandoning.version, reason: v.reason })}
          onCancel={() => setAbandoning(undefined)}
          onConflict={reload}
          onDone={() => { setAbandoning(undefined); message.success(t('service.abandoned')); reload(); }}
        >
          <Form.Item name="reason" label={t('service.fields.reason')} rules={[{ required: true }, { max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}

function Training() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const list = useRecords<Session>('service', '/training-sessions');
  const total = (list.data?.items ?? []).reduce((a, s) => a + s.enrolments.completed, 0);
  return (
    <>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Session>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20 }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>{t('service.fields.completed')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><Typography.Text strong>{total}</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={2} />
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('service.fields.session'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('service.fields.courseType'), key: 'ct', render: (_: unknown, s) => labelOf(CourseType, s.course.type, lang) },
          { title: t('service.fields.startsOn'), key: 'd', render: (_: unknown, s) => `${s.startsOn} – ${s.endsOn}` },
          { title: t('service.fields.place'), dataIndex: 'place' },
          { title: t('service.fields.enrolled'), key: 'e', align: 'right', render: (_: unknown, s) => s.enrolments.enrolled },
          { title: t('service.fields.completed'), key: 'c', align: 'right', render: (_: unknown, s) => s.enrolments.completed },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        ]}
      />
    </>
  );
}

interface PlanForm {
  type: string;
  title: string;
  plannedOn: DateValue;
  place: string;
  organisers: string;
  partnerRegions?: string[];
}

function Activities() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'service');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const list = useRecords<Activity>('service', '/activities');
  const [planning, setPlanning] = useState(false);
  const [holding, setHolding] = useState<Activity>();
  const [cancelling, setCancelling] = useState<Activity>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['service'] });
  return (
    <>
      {writable && (
        <Button type="primary" icon={<PlusIcon />} style={{ marginBottom: 12 }} onClick={() => setPlanning(true)}>
          {t('service.planActivity')}
        </Button>
      )}
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Activity>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20, showTotal: (n) => t('app.total', { count: n }) }}
        columns={[
          { title: t('service.fields.title'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('service.fields.type'), dataIndex: 'type', render: (v: string) => <Tag bordered={false} color="blue">{labelOf(ActivityType, v, lang)}</Tag> },
          { title: t('service.fields.plannedOn'), dataIndex: 'plannedOn' },
          { title: t('service.fields.place'), dataIndex: 'place' },
          { title: t('service.fields.partnerRegions'), dataIndex: 'partnerRegions', render: (rs: string[]) => rs.map((r) => labelOf(Region, r, lang)).join('、') || '—' },
          { title: t('service.fields.participants'), dataIndex: 'participants', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, a) =>
              writable ? (
                <Space size={4}>
                  {a.allowedTransitions.includes('held') && <Button size="small" type="primary" onClick={() => setHolding(a)}>{t('service.holdActivity')}</Button>}
                  {a.allowedTransitions.includes('cancelled') && <Button size="small" onClick={() => setCancelling(a)}>{t('service.cancelActivity')}</Button>}
                </Space>
              ) : null,
          },
        ]}
      />
      {planning && (
        <ActionModal<PlanForm, Activity>
          title={t('service.planActivity')}
          known={['type', 'title', 'plannedOn', 'place', 'organisers', 'partnerRegions']}
          submit={(v) =>
            api.post<Activity>('service', '/activities', {
              type: v.type,
              title: v.title,
              plannedOn: v.plannedOn.format('YYYY-MM-DD'),
              place: v.place,
              organisers: v.organisers.split(/[、,，;；]/).map((s) => s.trim()).filter(Boolean),
              ...(v.partnerRegions?.length ? { partnerRegions: v.partnerRegions } : {}),
            })
          }
          onCancel={() => setPlanning(false)}
          onDone={() => { setPlanning(false); message.success(t('service.planned')); reload(); }}
        >
          <Form.Item name="type" label={t('service.fields.type')} rules={[{ required: true }]}>
            <Select options={optionsOf(ActivityType, lang)} />
          </Form.Item>
          <Form.Item name="title" label={t('service.fields.title')} rules={[{ required: true }, { max: 200 }]}>
            <Input />
          </Form.Item>
          <Space.Compact block>
            <Form.Item name="plannedOn" label={t('service.fields.plannedOn')} rules={[{ required: true }]} style={{ width: '40%' }}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="place" label={t('service.fields.place')} rules={[{ required: true }, { max: 200 }]} style={{ width: '60%', paddingInlineStart: 12 }}>
              <Input />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="organisers" label={t('service.fields.organisers')} extra={t('service.fields.organisersHelp')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="partnerRegions" label={t('service.fields.partnerRegions')}>
            <Select mode="multiple" options={optionsOf(Region, lang)} />
          </Form.Item>
        </ActionModal>
      )}
      {holding && (
        <ActionModal<{ heldOn: DateValue; participants: number; pairsMatched: number }, Activity>
          title={`${t('service.holdActivity')} · ${holding.title}`}
          known={['heldOn', 'participants', 'pairsMatched']}
          initialValues={{ participants: 0, pairsMatched: 0 }}
          submit={(v) => api.post<Activity>('service', `/activities/${holding.id}/hold`, { version: holding.version, heldOn: v.heldOn.format('YYYY-MM-DD'), participants: v.participants, pairsMatched: v.pairsMatched })}
          onCancel={() => setHolding(undefined)}
          onConflict={reload}
          onDone={() => { setHolding(undefined); message.success(t('service.held')); reload(); }}
        >
          <Form.Item name="heldOn" label={t('service.fields.heldOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="participants" label={t('service.fields.participants')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="pairsMatched" label={t('service.fields.pairsMatched')} rules={[{ required: true }]}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </ActionModal>
      )}
      {cancelling && (
        <ActionModal<{ reason: string }, Activity>
          title={`${t('service.cancelActivity')} · ${cancelling.title}`}
          known={['reason']}
          danger
          submit={(v) => api.post<Activity>('service', `/activities/${cancelling.id}/cancel`, { version: cancelling.version, reason: v.reason })}
          onCancel={() => setCancelling(undefined)}
          onConflict={reload}
          onDone={() => { setCancelling(undefined); message.success(t('service.cancelled')); reload(); }}
        >
          <Form.Item name="reason" label={t('service.fields.reason')} rules={[{ required: true }, { max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}
