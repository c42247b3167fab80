import { useState } from 'react';
import { App as AntApp, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { compareDecimal, IndustryField, Region } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { institutionOf, InstitutionFields, type InstitutionInput } from '../../components/InstitutionFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatMoney, todayInShanghai, type Money } from '../../lib/format';
import { compact, dateText, isFutureDate, moneyOf, type DateValue } from '../../lib/forms';
import { labelOf, langOf } from '../../i18n/labels';
import { StatusTag, StatusWithOverdue, type Challenge, type ChallengeApplication, type Demand } from './common';

/** 揭榜挂帅: challenges published from open demands; institutions apply; one application is awarded. */
export function ChallengesTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'industry');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [overdueOnly, setOverdueOnly] = useState(false);
  // The server filters (overdue=true), so paging and the total count only overdue challenges; unticked: no filter.
  const list = useRecords<Challenge>('industry', '/challenges', { overdue: overdueOnly || undefined });
  const [publishing, setPublishing] = useState(false);
  const [applying, setApplying] = useState<Challenge>();
  const [awarding, setAwarding] = useState<Challenge>();
  const [cancelling, setCancelling] = useState<Challenge>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['industry'] });
  const done = (close: () => void, text: string) => () => {
    close();
    message.success(text);
    reload();
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {writable && (
          <Button type="primary" icon={<PlusIcon />} onClick={() => setPublishing(true)} data-testid="publish-challenge">
            {t('industry.publishChallenge')}
          </Button>
        )}
        <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} data-testid="challenges-overdue-only">
          {t('industry.overdueOnly')}
        </Checkbox>
      </Space>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Challenge>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        expandable={{ expandedRowRender: (c) => <Applications challenge={c} /> }}
        data-testid="challenges-table"
        columns={[
          { title: t('industry.fields.challengeTitle'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('industry.fields.enterprise'), key: 'e', render: (_: unknown, c) => `${c.enterprise.name} · ${labelOf(Region, c.enterprise.region, lang)}` },
          { title: t('industry.fields.field'), dataIndex: 'field', render: (f: string) => labelOf(IndustryField, f, lang) },
          { title: t('industry.fields.reward'), dataIndex: 'reward', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('industry.fields.deadline'), dataIndex: 'deadline' },
          { title: t('industry.fields.publishedViaHq'), dataIndex: 'publishedViaHq', render: (v: boolean) => (v ? '✓' : '') },
          { title: t('app.status'), dataIndex: 'status', render: (s: string, c) => <StatusWithOverdue status={s} overdue={c.overdue} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, c) =>
              writable ? (
                <Space size={4}>
                  {c.allowedTransitions.includes('apply') && <Button size="small" onClick={() => setApplying(c)} data-testid="challenge-apply">{t('industry.applyChallenge')}</Button>}
                  {c.allowedTransitions.includes('award') && <Button size="small" type="primary" onClick={() => setAwarding(c)} data-testid="challenge-award">{t('industry.awardChallenge')}</Button>}
                  {c.allowedTransitions.includes('cancel') && <Button size="small" danger onClick={() => setCancelling(c)}>{t('industry.cancelChallenge')}</Button>}
                </Space>
              ) : null,
          },
        ]}
      />
      {publishing && <PublishChallengeModal onCancel={() => setPublishing(false)} onDone={done(() => setPublishing(false), t('industry.challengePublished'))} />}
      {applying && <ApplyModal challenge={applying} onCancel={() => setApplying(undefined)} onDone={done(() => setApplying(undefined), t('industry.applied'))} onConflict={reload} />}
      {awarding && <AwardModal challenge={awarding} onCancel={() => setAwarding(undefined)} onDone={done(() => setAwarding(undefined), t('industry.awarded'))} onConflict={reload} />}
      {cancelling && (
        <CancelModal challenge={cancelling} onCancel={() => setCancelling(undefined)} onDone={done(() => setCancelling(undefined), t('industry.challengeCancelled'))} onConflict={reload} />
      )}
    </>
  );
}

function Applications({ challenge }: { challenge: Challenge }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const q = useRecords<ChallengeApplication>('industry', `/challenges/${challenge.id}/applications`);
  return (
    <>
      {isApiError(q.error) && <ProblemAlert problem={q.error.problem} />}
      <Table<ChallengeApplication>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        pagination={q.pagination}
        dataSource={[...(q.data?.items ?? [])]}
        columns={[
          { title: t('industry.fields.applicant'), key: 'i', render: (_: unknown, a) => `${a.institution.name} · ${labelOf(Region, a.institution.region, lang)}` },
          { title: t('industry.fields.proposal'), dataIndex: 'proposal', ellipsis: true },
          { title: t('industry.fields.submittedOn'), dataIndex: 'submittedOn', width: 120 },
          { title: t('app.status'), dataIndex: 'status', width: 110, render: (s: string) => <StatusTag status={s} /> },
        ]}
      />
    </>
  );
}

interface PublishForm {
  demandId: string;
  title?: string;
  reward: string;
  deadline: DateValue;
  publishedViaHq: boolean;
  publishedOn?: DateValue;
}

function PublishChallengeModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  // Only an open demand can be published (the API answers 409 otherwise).
  const demands = useQuery({ queryKey: ['industry', 'demands', 'open'], queryFn: () => api.get<Page<Demand>>('industry', '/demands', { status: 'open', limit: 200, sort: '-createdAt' }) });
  const byId = new Map((demands.data?.items ?? []).map((d) => [d.id, d]));
  return (
    <ActionModal<PublishForm, Challenge>
      title={t('industry.publishChallenge')}
      width={680}
      testId="publish-challenge"
      known={['demandId', 'demandVersion', 'title', 'reward', 'deadline', 'publishedViaHq', 'publishedOn']}
      rename={{ demandVersion: 'demandId' }}
      initialValues={{ publishedViaHq: true }}
      submit={(v) => {
        const demand = byId.get(v.demandId);
        return api.post<Challenge>(
          'industry',
          '/challenges',
          compact({ demandId: v.demandId, demandVersion: demand?.version, title: v.title, reward: moneyOf(v.reward), deadline: dateText(v.deadline), publishedViaHq: v.publishedViaHq, publishedOn: dateText(v.publishedOn) }),
        );
      }}
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="demandId" label={t('industry.fields.demand')} rules={rules.required} extra={t('industry.fields.demandHelp')}>
        <Select showSearch={{ optionFilterProp: 'label' }} loading={demands.isLoading} options={(demands.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.title} · ${d.enterpriseName}` }))} data-testid="f-challenge-demand" />
      </Form.Item>
      <Form.Item name="title" label={t('industry.fields.challengeTitle')} extra={t('industry.fields.challengeTitleHelp')} rules={rules.name(false)}>
        <Input data-testid="f-challenge-title" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="reward" label={t('industry.fields.reward')} rules={rules.money(true, false)}>
            <InputNumber stringMode min="0" precision={2} style={{ width: '100%' }} data-testid="f-challenge-reward" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="publishedOn" label={t('industry.fields.publishedOn')} extra={t('form.defaultsToday')} rules={rules.pastOrToday()}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="deadline"
            label={t('industry.fields.deadline')}
            dependencies={['publishedOn']}
            rules={[
              ...rules.required,
              rules.notBefore(['publishedOn'], t('industry.fields.publishedOn')),
              // Without a publication date the API compares with today (Asia/Shanghai).
              ({ getFieldValue }) => ({
                validator: (_, v: DateValue | undefined) => (v && !getFieldValue('publishedOn') && v.format('YYYY-MM-DD') < todayInShanghai() ? Promise.reject(new Error(t('form.notBeforeToday'))) : Promise.resolve()),
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="f-challenge-deadline" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="publishedViaHq" label={t('industry.fields.publishedViaHq')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </ActionModal>
  );
}

interface ApplyForm {
  institution: InstitutionInput;
  proposal: string;
  submittedOn?: DateValue;
}

function ApplyModal({ challenge, onCancel, onDone, onConflict }: { challenge: Challenge; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<ApplyForm, ChallengeApplication>
      title={`${t('industry.applyChallenge')} · ${challenge.title}`}
      width={680}
      testId="apply-challenge"
      known={['institution', 'institution.name', 'institution.region', 'institution.type', 'proposal', 'submittedOn']}
      submit={(v) => api.post<ChallengeApplication>('industry', `/challenges/${challenge.id}/applications`, compact({ institution: institutionOf(v.institution), proposal: v.proposal, submittedOn: dateText(v.submittedOn) }))}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <InstitutionFields prefix={['institution']} testId="f-applicant" nameLabel={t('industry.fields.applicant')} />
      <Form.Item name="proposal" label={t('industry.fields.proposal')} rules={rules.text(4000, true)}>
        <Input.TextArea rows={3} showCount maxLength={4000} data-testid="f-proposal" />
      </Form.Item>
      <Form.Item name="submittedOn" label={t('industry.fields.submittedOn')} extra={t('form.defaultsToday')} rules={rules.pastOrToday()}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
      </Form.Item>
    </ActionModal>
  );
}

function AwardModal({ challenge, onCancel, onDone, onConflict }: { challenge: Challenge; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const apps = useQuery({ queryKey: ['industry', 'applications', challenge.id, 'submitted'], queryFn: () => api.get<Page<ChallengeApplication>>('industry', `/challenges/${challenge.id}/applications`, { status: 'submitted', limit: 200 }) });
  return (
    <ActionModal<{ applicationId: string; amount?: string; awardedOn?: DateValue }, Challenge>
      title={`${t('industry.awardChallenge')} · ${challenge.title}`}
      testId="award-challenge"
      known={['applicationId', 'amount', 'awardedOn']}
      submit={(v) => api.post<Challenge>('industry', `/challenges/${challenge.id}/award`, compact({ version: challenge.version, applicationId: v.applicationId, amount: moneyOf(v.amount), awardedOn: dateText(v.awardedOn) }))}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.Item name="applicationId" label={t('industry.fields.winner')} rules={rules.required}>
        <Select loading={apps.isLoading} options={(apps.data?.items ?? []).map((a) => ({ value: a.id, label: a.institution.name }))} data-testid="f-award-application" />
      </Form.Item>
      <Form.Item
        name="amount"
        label={t('industry.fields.awardAmount')}
        extra={`${t('form.defaultsTo')} ${formatMoney(challenge.reward)}`}
        rules={[
          ...rules.money(false, false),
          // The award never exceeds the published reward (the API's exceeds_reward).
          { validator: (_, v: string | undefined) => (v && /^\d+(\.\d+)?$/.test(v) && compareDecimal(v, challenge.reward.amount) > 0 ? Promise.reject(new Error(t('form.atMost', { max: formatMoney(challenge.reward) }))) : Promise.resolve()) },
        ]}
      >
        <InputNumber stringMode min="0" precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="awardedOn" label={t('industry.fields.awardedOn')} extra={t('form.defaultsToday')} rules={rules.pastOrToday()}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
      </Form.Item>
    </ActionModal>
  );
}

function CancelModal({ challenge, onCancel, onDone, onConflict }: { challenge: Challenge; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<{ reason: string }, Challenge>
      title={`${t('industry.cancelChallenge')} · ${challenge.title}`}
      known={['reason']}
      danger
      submit={(v) => api.post<Challenge>('industry', `/challenges/${challenge.id}/cancel`, { version: challenge.version, reason: v.reason })}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.Item name="reason" label={t('industry.fields.cancelReason')} rules={rules.text(500, true)}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </ActionModal>
  );
}
