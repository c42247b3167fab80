import { useState } from 'react';
import { App as AntApp, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadOnlyBanner } from '../../components/ReadOnlyBanner';
import { useRecords } from '../../components/useRecords';
import { formatMoney, toMoney } from '../../lib/format';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { ChallengesTab } from './ChallengesTab';
import { StatusWithOverdue, type Demand, type Enterprise } from './common';
import { ConsortiaTab } from './ConsortiaTab';
import { EnterprisesTab } from './EnterprisesTab';

export function IndustryWorkspace() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('demands');
  return (
    <>
      <PageHeader title={t('industry.title')} description={t('industry.description')} />
      <ReadOnlyBanner network="industry" />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'demands', label: t('industry.tabs.demands'), children: <Demands /> },
          { key: 'challenges', label: <span data-testid="tab-challenges">{t('industry.tabs.challenges')}</span>, children: <ChallengesTab /> },
          { key: 'consortia', label: <span data-testid="tab-consortia">{t('industry.tabs.consortia')}</span>, children: <ConsortiaTab /> },
          { key: 'enterprises', label: <span data-testid="tab-enterprises">{t('industry.tabs.enterprises')}</span>, children: <EnterprisesTab /> },
        ]}
      />
    </>
  );
}

function Demands() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { session } = useAuth();
  const writable = canWriteNetwork(session, 'industry');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [posting, setPosting] = useState(false);
  const [closing, setClosing] = useState<Demand>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  // The server filters (overdue=true), so paging and the total count only overdue demands; unticked: no filter.
  const list = useRecords<Demand>('industry', '/demands', { overdue: overdueOnly || undefined });
  const reload = () => void qc.invalidateQueries({ queryKey: ['industry'] });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {writable && (
          <Button type="primary" icon={<PlusIcon />} onClick={() => setPosting(true)} data-testid="post-demand">
            {t('industry.postDemand')}
          </Button>
        )}
        <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} data-testid="demands-overdue-only">
          {t('industry.overdueOnly')}
        </Checkbox>
      </Space>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Demand>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        expandable={{ expandedRowRender: (d) => <Typography.Paragraph style={{ margin: 0 }}>{d.problem}</Typography.Paragraph> }}
        columns={[
          { title: t('industry.fields.title'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('industry.fields.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('industry.fields.field'), dataIndex: 'field', render: (f: string) => labelOf(IndustryField, f, lang) },
          { title: t('industry.fields.budget'), key: 'budget', render: (_: unknown, d) => (d.budget ? `${formatMoney(d.budget.min)} – ${formatMoney(d.budget.max)}` : '—') },
          { title: t('industry.fields.deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '—' },
          { title: t('industry.fields.postedOn'), dataIndex: 'postedOn' },
          { title: t('app.status'), dataIndex: 'status', render: (s: string, d) => <StatusWithOverdue status={s} overdue={d.overdue} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, d) =>
              writable && d.allowedTransitions.includes('close') ? (
                <Button size="small" onClick={() => setClosing(d)}>
                  {t('industry.closeDemand')}
                </Button>
              ) : null,
          },
        ]}
      />
      {posting && (
        <PostDemandModal
          onCancel={() => setPosting(false)}
          onDone={() => {
            setPosting(false);
            message.success(t('industry.posted'));
            reload();
          }}
        />
      )}
      {closing && (
        <ActionModal<{ reason: string }, Demand>
          title={`${t('industry.closeDemand')} · ${closing.title}`}
          known={['reason']}
          submit={(v) => api.post<Demand>('industry', `/demands/${closing.id}/close`, { version: closing.version, reason: v.reason })}
          onCancel={() => setClosing(undefined)}
          onConflict={reload}
          onDone={() => {
            setClosing(undefined);
            message.success(t('industry.closed'));
            reload();
          }}
        >
          <Form.Item name="reason" label={t('industry.fields.reason')} rules={[{ required: true }, { max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}

interface PostDemandForm {
  enterpriseId: string;
  field: string;
  title: string;
  problem: string;
  budgetMin?: number;
  budgetMax?: number;
  deadline?: { format(f: string): string };
}

function PostDemandModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const enterprises = useQuery({ queryKey: ['industry', 'enterprises'], queryFn: () => api.get<Page<Enterprise>>('industry', '/enterprises', { limit: 200 }) });
  return (
    <ActionModal<PostDemandForm, Demand>
      title={t('industry.postDemand')}
      width={680}
      known={['enterpriseId', 'field', 'title', 'problem', 'budgetMin', 'budgetMax', 'deadline']}
      // The API names the budget's parts `budget.min.amount`; this form edits them as two numbers.
      rename={{ 'budget.min': 'budgetMin', 'budget.max': 'budgetMax', budget: 'budgetMin' }}
      submit={(v) => {
        const min = toMoney(v.budgetMin);
        const max = toMoney(v.budgetMax);
        return api.post<Demand>('industry', '/demands', {
          enterpriseId: v.enterpriseId,
          field: v.field,
          title: v.title,
          problem: v.problem,
          ...(min && max ? { budget: { min, max } } : {}),
          ...(v.deadline ? { deadline: v.deadline.format('YYYY-MM-DD') } : {}),
        });
      }}
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="enterpriseId" label={t('industry.fields.enterpriseId')} rules={[{ required: true }]}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={enterprises.isLoading} options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))} />
      </Form.Item>
      <Form.Item name="title" label={t('industry.fields.title')} rules={[{ required: true }, { max: 200 }]}>
        <Input />
      </Form.Item>
      <Form.Item name="field" label={t('industry.fields.field')} rules={[{ required: true }]}>
        <Select options={optionsOf(IndustryField, lang)} />
      </Form.Item>
      <Form.Item name="problem" label={t('industry.fields.problem')} rules={[{ required: true }, { max: 4000 }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="budgetMin" label={t('industry.fields.budgetMin')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="budgetMax" label={t('industry.fields.budgetMax')}>
            <InputNumber min={0} precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="deadline" label={t('industry.fields.deadline')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </ActionModal>
  );
}
