import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField, Region } from '@tjc/contracts';
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
import { formatMoney, toMoney, type Money } from '../../lib/format';
import { labelOf, langOf, optionsOf, sourceLabel } from '../../i18n/labels';

interface Demand {
  readonly id: string;
  readonly enterpriseName: string;
  readonly field: string;
  readonly title: string;
  readonly problem: string;
  readonly budget: { readonly min: Money; readonly max: Money } | null;
  readonly deadline: string | null;
  readonly postedOn: string;
  readonly status: string;
  readonly allowedTransitions: readonly string[];
  readonly closedReason: string | null;
  readonly version: number;
}
interface Challenge {
  readonly id: string;
  readonly title: string;
  readonly field: string;
  readonly enterprise: { readonly name: string; readonly region: string };
  readonly reward: Money;
  readonly deadline: string;
  readonly publishedViaHq: boolean;
  readonly status: string;
}
interface Consortium {
  readonly id: string;
  readonly name: string;
  readonly topic: string;
  readonly field: string;
  readonly leadEnterprise: { readonly name: string; readonly region: string };
  readonly members: readonly { readonly name: string; readonly region: string }[];
  readonly status: string;
  readonly reportedBy: string;
  readonly formedOn: string | null;
}
interface Enterprise {
  readonly id: string;
  readonly name: string;
}

const STATUS_COLOR: Record<string, string> = { open: 'blue', 'published-as-challenge': 'purple', closed: 'default', published: 'processing', awarded: 'success', cancelled: 'default', proposed: 'gold', formed: 'green', concluded: 'default' };

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
          { key: 'challenges', label: t('industry.tabs.challenges'), children: <Challenges /> },
          { key: 'consortia', label: t('industry.tabs.consortia'), children: <Consortia /> },
        ]}
      />
    </>
  );
}

function StatusTag({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `industry.statuses.${status}`;
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{i18n.exists(key) ? t(key) : status}</Tag>;
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
  const list = useRecords<Demand>('industry', '/demands');
  const reload = () => void qc.invalidateQueries({ queryKey: ['industry'] });
  return (
    <>
      {writable && (
        <Button type="primary" icon={<PlusIcon />} style={{ marginBottom: 12 }} onClick={() => setPosting(true)} data-testid="post-demand">
          {t('industry.postDemand')}
        </Button>
      )}
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Demand>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20, showTotal: (n) => t('app.total', { count: n }) }}
        expandable={{ expandedRowRender: (d) => <Typography.Paragraph style={{ margin: 0 }}>{d.problem}</Typography.Paragraph> }}
        columns={[
          { title: t('industry.fields.title'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('industry.fields.enterprise'), dataIndex: 'enterpriseName' },
          { title: t('industry.fields.field'), dataIndex: 'field', render: (f: string) => labelOf(IndustryField, f, lang) },
          { title: t('industry.fields.budget'), key: 'budget', render: (_: unknown, d) => (d.budget ? `${formatMoney(d.budget.min)} – ${formatMoney(d.budget.max)}` : '—') },
          { title: t('industry.fields.deadline'), dataIndex: 'deadline', render: (v: string | null) => v ?? '—' },
          { title: t('industry.fields.postedOn'), dataIndex: 'postedOn' },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
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

function Challenges() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const list = useRecords<Challenge>('industry', '/challenges');
  return (
    <>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Challenge>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('industry.fields.title'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('industry.fields.enterprise'), key: 'e', render: (_: unknown, c) => `${c.enterprise.name} · ${labelOf(Region, c.enterprise.region, lang)}` },
          { title: t('industry.fields.field'), dataIndex: 'field', render: (f: string) => labelOf(IndustryField, f, lang) },
          { title: t('industry.fields.reward'), dataIndex: 'reward', render: (m: Money) => formatMoney(m) },
          { title: t('industry.fields.deadline'), dataIndex: 'deadline' },
          { title: t('industry.fields.publishedViaHq'), dataIndex: 'publishedViaHq', render: (v: boolean) => (v ? '✓' : '') },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        ]}
      />
    </>
  );
}

function Consortia() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const list = useRecords<Consortium>('industry', '/consortia');
  return (
    <>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Consortium>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('industry.fields.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('industry.fields.topic'), dataIndex: 'topic', ellipsis: true },
          { title: t('industry.fields.lead'), key: 'lead', render: (_: unknown, c) => `${c.leadEnterprise.name} · ${labelOf(Region, c.leadEnterprise.region, lang)}` },
          {
            title: t('industry.fields.members'),
            key: 'members',
            render: (_: unknown, c) => (
              <Space size={[4, 4]} wrap>
                {c.members.map((m) => (
                  <Tag key={m.name} bordered={false}>
                    {m.name} · {labelOf(Region, m.region, lang)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('industry.fields.origin'), dataIndex: 'reportedBy', render: (s: string) => sourceLabel(s, lang) },
          { title: t('industry.fields.formedOn'), dataIndex: 'formedOn', render: (v: string | null) => v ?? '—' },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        ]}
      />
    </>
  );
}
