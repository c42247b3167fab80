import { useState } from 'react';
import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField, Region } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadOnlyBanner } from '../../components/ReadOnlyBanner';
import { useRecords } from '../../components/useRecords';
import { formatMoney, toMoney, type Money } from '../../lib/format';
import { labelOf, langOf } from '../../i18n/labels';

interface Deal {
  readonly id: string;
  readonly title: string;
  readonly stage: string;
  readonly allowedTransitions: readonly string[];
  readonly origin: string;
  readonly investee: { readonly name: string; readonly region: string };
  readonly field: string | null;
  readonly fundingNeed: Money | null;
  readonly declineReason: string | null;
  readonly version: number;
}
interface Grant {
  readonly id: string;
  readonly grantee: { readonly name: string; readonly region: string };
  readonly amount: Money;
  readonly awardedOn: string;
  readonly convertible: boolean;
  readonly status: string;
  readonly allowedTransitions: readonly string[];
  readonly milestones: readonly { readonly seq: number; readonly title: string; readonly metOn: string | null }[];
  readonly conversion: { readonly convertedAmount: Money; readonly equityPercent: string | null; readonly convertedOn: string } | null;
  readonly version: number;
}

const ADVANCE_TARGETS = ['due-diligence', 'investment-committee'] as const;
const STAGE_COLOR: Record<string, string> = { opportunity: 'blue', 'due-diligence': 'processing', 'investment-committee': 'purple', invested: 'success', declined: 'default', awarded: 'blue', 'milestones-met': 'processing', converted: 'success', closed: 'default' };

export function FundWorkspace() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('fund.title')} description={t('fund.description')} />
      <ReadOnlyBanner network="fund" />
      <Tabs
        items={[
          { key: 'deals', label: t('fund.tabs.deals'), children: <Deals /> },
          { key: 'grants', label: t('fund.tabs.grants'), children: <Grants /> },
        ]}
      />
    </>
  );
}

function Deals() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'fund');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const list = useRecords<Deal>('fund', '/deals');
  const [advancing, setAdvancing] = useState<Deal>();
  const [declining, setDeclining] = useState<Deal>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['fund'] });
  const stageLabel = (s: string) => (i18n.exists(`fund.stages.${s}`) ? t(`fund.stages.${s}`) : s);
  return (
    <>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Deal>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20, showTotal: (n) => t('app.total', { count: n }) }}
        columns={[
          { title: t('fund.fields.title'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('fund.fields.investee'), key: 'i', render: (_: unknown, d) => `${d.investee.name} · ${labelOf(Region, d.investee.region, lang)}` },
          { title: t('fund.fields.field'), dataIndex: 'field', render: (f: string | null) => labelOf(IndustryField, f, lang) },
          { title: t('fund.fields.fundingNeed'), dataIndex: 'fundingNeed', align: 'right', render: (m: Money | null) => formatMoney(m) },
          { title: t('fund.fields.stage'), dataIndex: 'stage', render: (s: string) => <Tag color={STAGE_COLOR[s] ?? 'default'}>{stageLabel(s)}</Tag> },
          {
            title: t('app.actions'),
            key: 'a',
            render: (_: unknown, d) =>
              writable ? (
                <Space size={4}>
                  {d.allowedTransitions.some((s) => (ADVANCE_TARGETS as readonly string[]).includes(s)) && <Button size="small" type="primary" onClick={() => setAdvancing(d)}>{t('fund.advance')}</Button>}
                  {d.allowedTransitions.includes('declined') && <Button size="small" onClick={() => setDeclining(d)}>{t('fund.decline')}</Button>}
                </Space>
              ) : null,
          },
        ]}
      />
      {advancing && (
        <ActionModal<{ to: string; note?: string }, Deal>
          title={`${t('fund.advance')} · ${advancing.title}`}
          known={['to', 'note']}
          initialValues={{ to: advancing.allowedTransitions.find((s) => (ADVANCE_TARGETS as readonly string[]).includes(s)) ?? 'due-diligence' }}
          stateLabel={stageLabel}
          submit={(v) => api.post<Deal>('fund', `/deals/${advancing.id}/advance`, { version: advancing.version, to: v.to, ...(v.note ? { note: v.note } : {}) })}
          onCancel={() => setAdvancing(undefined)}
          onConflict={reload}
          onDone={() => { setAdvancing(undefined); message.success(t('fund.advanced')); reload(); }}
        >
          <Form.Item name="to" label={t('fund.fields.to')} rules={[{ required: true }]}>
            <Select options={ADVANCE_TARGETS.map((s) => ({ value: s, label: stageLabel(s) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('fund.fields.note')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </ActionModal>
      )}
      {declining && (
        <ActionModal<{ reason: string }, Deal>
          title={`${t('fund.decline')} · ${declining.title}`}
          known={['reason']}
          danger
          submit={(v) => api.post<Deal>('fund', `/deals/${declining.id}/decline`, { version: declining.version, reason: v.reason })}
          onCancel={() => setDeclining(undefined)}
          onConflict={reload}
          onDone={() => { setDeclining(undefined); message.success(t('fund.declined')); reload(); }}
        >
          <Form.Item name="reason" label={t('fund.fields.reason')} rules={[{ required: true }, { max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}

function Grants() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'fund');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const list = useRecords<Grant>('fund', '/grants');
  const [converting, setConverting] = useState<Grant>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['fund'] });
  const statusLabel = (s: string) => (i18n.exists(`fund.grantStatuses.${s}`) ? t(`fund.grantStatuses.${s}`) : s);
  return (
    <>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Grant>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20, showTotal: (n) => t('app.total', { count: n }) }}
        columns={[
          { title: t('fund.fields.grantee'), key: 'g', render: (_: unknown, g) => <Typography.Text strong>{`${g.grantee.name} · ${labelOf(Region, g.grantee.region, lang)}`}</Typography.Text> },
          { title: t('fund.fields.amount'), dataIndex: 'amount', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('fund.fields.awardedOn'), dataIndex: 'awardedOn' },
          { title: t('fund.fields.convertible'), dataIndex: 'convertible', render: (v: boolean) => (v ? '✓' : '') },
          { title: t('fund.fields.milestones'), key: 'm', render: (_: unknown, g) => `${g.milestones.filter((m) => m.metOn).length} / ${g.milestones.length}` },
          { title: t('fund.fields.conversion'), key: 'c', render: (_: unknown, g) => (g.conversion ? `${formatMoney(g.conversion.convertedAmount)} → ${g.conversion.equityPercent ?? '?'}% (${g.conversion.convertedOn})` : '—') },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <Tag color={STAGE_COLOR[s] ?? 'default'}>{statusLabel(s)}</Tag> },
          {
            title: t('app.actions'),
            key: 'a',
            render: (_: unknown, g) => (writable && g.allowedTransitions.includes('converted') ? <Button size="small" type="primary" onClick={() => setConverting(g)}>{t('fund.convert')}</Button> : null),
          },
        ]}
      />
      {converting && (
        <ActionModal<{ convertedAmount: number; equityPercent: string; convertedOn: { format(f: string): string }; note?: string }, Grant>
          title={`${t('fund.convert')} · ${converting.grantee.name}`}
          known={['convertedAmount', 'equityPercent', 'convertedOn', 'note']}
          stateLabel={statusLabel}
          submit={(v) =>
            api.post<Grant>('fund', `/grants/${converting.id}/convert`, {
              version: converting.version,
              convertedAmount: toMoney(v.convertedAmount),
              equityPercent: String(v.equityPercent),
              convertedOn: v.convertedOn.format('YYYY-MM-DD'),
              ...(v.note ? { note: v.note } : {}),
            })
          }
          onCancel={() => setConverting(undefined)}
          onConflict={reload}
          onDone={() => { setConverting(undefined); message.success(t('fund.converted')); reload(); }}
        >
          <Form.Item name="convertedAmount" label={t('fund.fields.convertedAmount')} rules={[{ required: true }]} extra={`≤ ${formatMoney(converting.amount)}`}>
            <InputNumber min={0.01} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="equityPercent" label={t('fund.fields.equityPercent')} rules={[{ required: true }]}>
            <Input placeholder="2.5" />
          </Form.Item>
          <Form.Item name="convertedOn" label={t('fund.fields.convertedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('fund.fields.note')} rules={[{ max: 2000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}
