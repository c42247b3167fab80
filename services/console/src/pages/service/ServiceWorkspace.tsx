import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ActivityType, Region } from '@tjc/contracts';
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
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { StatusTag } from './common';
import { FundingTab } from './FundingTab';
import { MembersTab } from './MembersTab';
import { TrainingTab } from './TrainingTab';
import { TransfersTab } from './TransfersTab';

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
export function ServiceWorkspace() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('service.title')} description={t('service.description')} />
      <ReadOnlyBanner network="service" />
      <Tabs
        items={[
          { key: 'transfers', label: <span data-testid="tab-transfers">{t('service.tabs.transfers')}</span>, children: <TransfersTab /> },
          { key: 'funding', label: <span data-testid="tab-funding">{t('service.tabs.funding')}</span>, children: <FundingTab /> },
          { key: 'training', label: <span data-testid="tab-training">{t('service.tabs.training')}</span>, children: <TrainingTab /> },
          { key: 'activities', label: <span data-testid="tab-activities">{t('service.tabs.activities')}</span>, children: <Activities /> },
          { key: 'members', label: <span data-testid="tab-members">{t('service.tabs.members')}</span>, children: <MembersTab /> },
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
        pagination={list.pagination}
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
