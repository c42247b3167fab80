import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField, InstitutionType, Region } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { institutionOf, type InstitutionInput } from '../../components/InstitutionFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { compact, dateText, isFutureDate, type DateValue } from '../../lib/forms';
import { labelOf, langOf, optionsOf, sourceLabel } from '../../i18n/labels';
import { MEMBER_REGIONS, StatusTag, type Consortium, type ConsortiumDetail, type Enterprise } from './common';

/** 创新联合体: formed by the coordinator (a Tianjin lead enterprise with Beijing/Hebei members), confirmed from a proposal, milestones, conclusion. */
export function ConsortiaTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'industry');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const list = useRecords<Consortium>('industry', '/consortia');
  const [forming, setForming] = useState(false);
  const [confirming, setConfirming] = useState<Consortium>();
  const [milestone, setMilestone] = useState<Consortium>();
  const [concluding, setConcluding] = useState<Consortium>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['industry'] });
  const done = (close: () => void, text: string) => () => {
    close();
    message.success(text);
    reload();
  };
  return (
    <>
      {writable && (
        <Button type="primary" icon={<PlusIcon />} style={{ marginBottom: 12 }} onClick={() => setForming(true)} data-testid="form-consortium">
          {t('industry.formConsortium')}
        </Button>
      )}
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Consortium>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        expandable={{ expandedRowRender: (c) => <Milestones consortium={c} /> }}
        data-testid="consortia-table"
        columns={[
          { title: t('industry.fields.name'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('industry.fields.topic'), dataIndex: 'topic', ellipsis: true },
          {
            title: t('industry.fields.lead'),
            key: 'lead',
            render: (_: unknown, c) => (
              <Space size={4} wrap>
                {`${c.leadEnterprise.name} · ${labelOf(Region, c.leadEnterprise.region, lang)}`}
                {c.statedLead?.isKeyEnterprise === true && <Tag bordered={false}>{t('industry.keyEnterprise')}</Tag>}
                {c.leadJudgement?.flagged === true && (
                  <Tag color="error" data-testid="lead-claim-flagged">
                    {t('industry.leadClaimFlagged')}
                  </Tag>
                )}
              </Space>
            ),
          },
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
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, c) =>
              writable ? (
                <Space size={4}>
                  {c.allowedTransitions.includes('confirm') && <Button size="small" type="primary" onClick={() => setConfirming(c)} data-testid="consortium-confirm">{t('industry.confirmProposal')}</Button>}
                  {c.allowedTransitions.includes('record-milestone') && <Button size="small" onClick={() => setMilestone(c)} data-testid="consortium-milestone">{t('industry.recordMilestone')}</Button>}
                  {c.allowedTransitions.includes('conclude') && <Button size="small" onClick={() => setConcluding(c)}>{t('industry.concludeConsortium')}</Button>}
                </Space>
              ) : null,
          },
        ]}
      />
      {forming && <FormConsortiumModal onCancel={() => setForming(false)} onDone={done(() => setForming(false), t('industry.consortiumFormed'))} />}
      {confirming && <ConfirmProposalModal consortium={confirming} onCancel={() => setConfirming(undefined)} onDone={done(() => setConfirming(undefined), t('industry.consortiumFormed'))} onConflict={reload} />}
      {milestone && <MilestoneModal consortium={milestone} onCancel={() => setMilestone(undefined)} onDone={done(() => setMilestone(undefined), t('industry.milestoneRecorded'))} onConflict={reload} />}
      {concluding && <ConcludeModal consortium={concluding} onCancel={() => setConcluding(undefined)} onDone={done(() => setConcluding(undefined), t('industry.consortiumConcluded'))} onConflict={reload} />}
    </>
  );
}

function Milestones({ consortium }: { consortium: Consortium }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['industry', 'consortium', consortium.id], queryFn: () => api.get<ConsortiumDetail>('industry', `/consortia/${consortium.id}`) });
  if (isApiError(q.error)) return <ProblemAlert problem={q.error.problem} />;
  return (
    <Table
      size="small"
      rowKey="id"
      loading={q.isLoading}
      pagination={false}
      dataSource={[...(q.data?.milestones ?? [])]}
      locale={{ emptyText: t('industry.noMilestones') }}
      columns={[
        { title: t('industry.fields.milestone'), dataIndex: 'title' },
        { title: t('industry.fields.reachedOn'), dataIndex: 'reachedOn', width: 120 },
        { title: t('industry.fields.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
      ]}
    />
  );
}

/**
 * The members list of a consortium: Beijing/Hebei/Xiong'an institutions, each
 * named once, at most 50 (the API's ConsortiumMembers). Each member's fields
 * show their own errors (`members.2.region`); errors on the list as a whole
 * (none, too many, a duplicate) show under it.
 */
function MembersField({ name, min, testId }: { name: string; min: number; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  const regionOptions = optionsOf(Region, lang).filter((o) => (MEMBER_REGIONS as readonly string[]).includes(o.value));
  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, members: (Partial<InstitutionInput> | undefined)[] | undefined) => {
            const list = members ?? [];
            if (list.length < min) throw new Error(t('industry.membersMin', { min }));
            if (list.length > 50) throw new Error(t('industry.membersMax', { max: 50 }));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label={t('industry.fields.members')} required={min > 0} extra={t('industry.fields.membersHelp')}>
          {fields.map((f, i) => (
            <Row gutter={8} key={f.key} align="top">
              <Col span={11}>
                <Form.Item
                  name={[f.name, 'name']}
                  rules={[
                    ...rules.name(),
                    // Each member once (the API reports a duplicate at its second occurrence).
                    ({ getFieldValue }) => ({
                      validator: (_, v: string | undefined) => {
                        const all = (getFieldValue(name) as (Partial<InstitutionInput> | undefined)[] | undefined) ?? [];
                        return v && all.slice(0, f.name).some((m) => m?.name === v) ? Promise.reject(new Error(t('industry.duplicateMember'))) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <Input placeholder={t('form.institutionName')} data-testid={`${testId}-${i}-name`} />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item name={[f.name, 'region']} rules={rules.required}>
                  <Select placeholder={t('form.region')} options={regionOptions} data-testid={`${testId}-${i}-region`} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={[f.name, 'type']}>
                  <Select allowClear placeholder={t('form.institutionType')} options={optionsOf(InstitutionType, lang)} />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Button type="link" onClick={() => remove(f.name)} aria-label={t('industry.removeMember')}>
                  ×
                </Button>
              </Col>
            </Row>
          ))}
          <Button type="dashed" onClick={() => add({})} data-testid={`${testId}-add`}>
            + {t('industry.addMember')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}

interface FormConsortiumForm {
  name: string;
  topic: string;
  field: string;
  leadEnterpriseId: string;
  members: InstitutionInput[];
  formedOn?: DateValue;
  projectId?: string;
}

function FormConsortiumModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  // The lead must be a registered Tianjin enterprise (the API's lead_enterprise_not_tianjin): only those are offered.
  const enterprises = useQuery({ queryKey: ['industry', 'enterprises', 'tianjin'], queryFn: () => api.get<Page<Enterprise>>('industry', '/enterprises', { region: 'tianjin', limit: 200, sort: '-createdAt' }) });
  return (
    <ActionModal<FormConsortiumForm, Consortium>
      title={t('industry.formConsortium')}
      width={760}
      testId="form-consortium"
      known={['name', 'topic', 'field', 'leadEnterpriseId', 'members', 'members.*.name', 'members.*.region', 'members.*.type', 'formedOn', 'projectId']}
      initialValues={{ members: [{ name: '', region: 'beijing' }] }}
      submit={(v) =>
        api.post<Consortium>(
          'industry',
          '/consortia',
          compact({ name: v.name, topic: v.topic, field: v.field, leadEnterpriseId: v.leadEnterpriseId, members: (v.members ?? []).map(institutionOf), formedOn: dateText(v.formedOn), projectId: v.projectId }),
        )
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="name" label={t('industry.fields.name')} rules={rules.name()}>
        <Input data-testid="f-consortium-name" />
      </Form.Item>
      <Form.Item name="topic" label={t('industry.fields.topic')} rules={rules.text(500, true)}>
        <Input.TextArea rows={2} showCount maxLength={500} data-testid="f-consortium-topic" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="leadEnterpriseId" label={t('industry.fields.lead')} extra={t('industry.fields.leadHelp')} rules={rules.required}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={enterprises.isLoading} options={(enterprises.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}${e.isKeyEnterprise ? ` · ${t('industry.keyEnterprise')}` : ''}` }))} data-testid="f-consortium-lead" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="field" label={t('industry.fields.field')} rules={rules.required}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={optionsOf(IndustryField, lang)} data-testid="f-consortium-field" />
          </Form.Item>
        </Col>
      </Row>
      <MembersField name="members" min={1} testId="f-member" />
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="formedOn" label={t('industry.fields.formedOn')} extra={t('form.defaultsToday')} rules={rules.pastOrToday()}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="projectId" label={t('industry.fields.projectId')} rules={rules.id()}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </ActionModal>
  );
}

function ConfirmProposalModal({ consortium, onCancel, onDone, onConflict }: { consortium: Consortium; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<{ name?: string; topic?: string; additionalMembers?: InstitutionInput[]; formedOn?: DateValue }, Consortium>
      title={`${t('industry.confirmProposal')} · ${consortium.name}`}
      width={760}
      testId="confirm-proposal"
      known={['name', 'topic', 'additionalMembers', 'additionalMembers.*.name', 'additionalMembers.*.region', 'additionalMembers.*.type', 'formedOn']}
      initialValues={{ name: consortium.name, topic: consortium.topic, additionalMembers: [] }}
      submit={(v) =>
        api.post<Consortium>(
          'industry',
          `/consortium-proposals/${consortium.id}/confirm`,
          compact({ version: consortium.version, name: v.name, topic: v.topic, additionalMembers: (v.additionalMembers ?? []).map(institutionOf), formedOn: dateText(v.formedOn) }),
        )
      }
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Typography.Paragraph type="secondary">
        {t('industry.currentMembers')}: {consortium.members.map((m) => m.name).join('、') || '—'}
      </Typography.Paragraph>
      <Form.Item name="name" label={t('industry.fields.name')} rules={rules.name(false)}>
        <Input />
      </Form.Item>
      <Form.Item name="topic" label={t('industry.fields.topic')} rules={rules.text(500)}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <MembersField name="additionalMembers" min={0} testId="f-additional-member" />
      <Form.Item name="formedOn" label={t('industry.fields.formedOn')} extra={t('form.defaultsToday')} rules={rules.pastOrToday()}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
      </Form.Item>
    </ActionModal>
  );
}

/** A business date of a formed consortium: not in the future and not before its formation (the API's before_formation). */
function useAfterFormation(consortium: Consortium) {
  const { t } = useTranslation();
  const rules = useRules();
  return [
    ...rules.pastOrToday(),
    { validator: (_: unknown, v: DateValue | undefined) => (v && consortium.formedOn && v.format('YYYY-MM-DD') < consortium.formedOn ? Promise.reject(new Error(t('form.notBefore', { other: consortium.formedOn }))) : Promise.resolve()) },
  ];
}

function MilestoneModal({ consortium, onCancel, onDone, onConflict }: { consortium: Consortium; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const afterFormation = useAfterFormation(consortium);
  return (
    <ActionModal<{ title: string; reachedOn?: DateValue; note?: string }, unknown>
      title={`${t('industry.recordMilestone')} · ${consortium.name}`}
      testId="record-milestone"
      known={['title', 'reachedOn', 'note']}
      submit={(v) => api.post('industry', `/consortia/${consortium.id}/milestones`, compact({ title: v.title, reachedOn: dateText(v.reachedOn), note: v.note }))}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.Item name="title" label={t('industry.fields.milestone')} rules={rules.name()}>
        <Input placeholder="完成流片验证" data-testid="f-milestone-title" />
      </Form.Item>
      <Form.Item name="reachedOn" label={t('industry.fields.reachedOn')} extra={t('form.defaultsToday')} rules={afterFormation}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
      </Form.Item>
      <Form.Item name="note" label={t('industry.fields.note')} rules={rules.text(2000)}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}

function ConcludeModal({ consortium, onCancel, onDone, onConflict }: { consortium: Consortium; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const afterFormation = useAfterFormation(consortium);
  return (
    <ActionModal<{ concludedOn?: DateValue; summary?: string }, Consortium>
      title={`${t('industry.concludeConsortium')} · ${consortium.name}`}
      known={['concludedOn', 'summary']}
      submit={(v) => api.post<Consortium>('industry', `/consortia/${consortium.id}/conclude`, compact({ version: consortium.version, concludedOn: dateText(v.concludedOn), summary: v.summary }))}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.Item name="concludedOn" label={t('industry.fields.concludedOn')} extra={t('form.defaultsToday')} rules={afterFormation}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
      </Form.Item>
      <Form.Item name="summary" label={t('industry.fields.summary')} rules={rules.text(2000)}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </ActionModal>
  );
}
