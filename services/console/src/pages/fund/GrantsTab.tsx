import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Row, Space, Switch, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { compareDecimal, Region } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { institutionOf, InstitutionFields, type InstitutionInput } from '../../components/InstitutionFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatMoney, type Money } from '../../lib/format';
import { compact, dateText, isDateValue, isFutureDate, moneyOf, type DateValue } from '../../lib/forms';
import { labelOf, langOf } from '../../i18n/labels';
import { EQUITY_PERCENT, FundSelect, StageTag, type Grant } from './common';

/** 先拨后投 / 拨投联动: a grant with milestones; once they are met a convertible grant converts into equity. */
export function GrantsTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'fund');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const rules = useRules();
  const [q, setQ] = useState<string>();
  const list = useRecords<Grant>('fund', '/grants', { q, sort: '-createdAt' });
  const [awarding, setAwarding] = useState(false);
  const [meeting, setMeeting] = useState<{ grant: Grant; seq: number; title: string }>();
  const [converting, setConverting] = useState<Grant>();
  const [closing, setClosing] = useState<Grant>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['fund'] });
  const done = (close: () => void, text: string) => () => {
    close();
    message.success(text);
    reload();
  };
  const statusLabel = (s: string) => (i18n.exists(`fund.grantStatuses.${s}`) ? t(`fund.grantStatuses.${s}`) : s);
  // A business date of a grant: not in the future, not before the award (the API's before_award).
  const afterAward = (g: Grant) => [
    ...rules.pastOrToday(true),
    { validator: (_: unknown, v: unknown) => (isDateValue(v) && v.format('YYYY-MM-DD') < g.awardedOn ? Promise.reject(new Error(t('form.notBefore', { other: g.awardedOn }))) : Promise.resolve()) },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {writable && (
          <Button type="primary" icon={<PlusIcon />} onClick={() => setAwarding(true)} data-testid="award-grant">
            {t('fund.awardGrant')}
          </Button>
        )}
        <SearchInput onSearch={setQ} testId="grants-search" />
      </Space>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Grant>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        data-testid="grants-table"
        expandable={{
          expandedRowRender: (g) => (
            <Table
              size="small"
              rowKey="seq"
              pagination={false}
              dataSource={[...g.milestones]}
              columns={[
                { title: '#', dataIndex: 'seq', width: 40 },
                { title: t('fund.fields.milestone'), dataIndex: 'title' },
                { title: t('fund.fields.due'), dataIndex: 'due', width: 120 },
                { title: t('fund.fields.metOn'), dataIndex: 'metOn', width: 120, render: (v: string | null) => v ?? '—' },
                {
                  title: t('app.actions'),
                  key: 'a',
                  width: 120,
                  render: (_: unknown, m) =>
                    writable && g.status === 'awarded' && !m.metOn ? (
                      <Button size="small" onClick={() => setMeeting({ grant: g, seq: m.seq, title: m.title })} data-testid={`meet-milestone-${m.seq}`}>
                        {t('fund.meetMilestone')}
                      </Button>
                    ) : null,
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('fund.fields.grantee'), key: 'g', render: (_: unknown, g) => <Typography.Text strong>{`${g.grantee.name} · ${labelOf(Region, g.grantee.region, lang)}`}</Typography.Text> },
          { title: t('fund.fields.amount'), dataIndex: 'amount', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('fund.fields.awardedOn'), dataIndex: 'awardedOn' },
          { title: t('fund.fields.convertible'), dataIndex: 'convertible', render: (v: boolean) => (v ? '✓' : '') },
          { title: t('fund.fields.milestones'), key: 'm', render: (_: unknown, g) => `${g.milestones.filter((m) => m.metOn).length} / ${g.milestones.length}` },
          { title: t('fund.fields.conversion'), key: 'c', render: (_: unknown, g) => (g.conversion ? `${formatMoney(g.conversion.convertedAmount)} → ${g.conversion.equityPercent ?? '?'}% (${g.conversion.convertedOn})` : '—') },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StageTag status={s} group="grantStatuses" /> },
          {
            title: t('app.actions'),
            key: 'a',
            render: (_: unknown, g) =>
              writable ? (
                <Space size={4}>
                  {g.allowedTransitions.includes('converted') && <Button size="small" type="primary" onClick={() => setConverting(g)}>{t('fund.convert')}</Button>}
                  {g.allowedTransitions.includes('closed') && <Button size="small" onClick={() => setClosing(g)}>{t('fund.closeGrant')}</Button>}
                </Space>
              ) : null,
          },
        ]}
      />
      {awarding && <AwardGrantModal onCancel={() => setAwarding(false)} onDone={done(() => setAwarding(false), t('fund.grantAwarded'))} />}
      {meeting && (
        <ActionModal<{ metOn: DateValue; note?: string }, Grant>
          title={`${t('fund.meetMilestone')} · ${meeting.title}`}
          testId="meet-milestone"
          known={['metOn', 'note']}
          stateLabel={statusLabel}
          submit={(v) => api.post<Grant>('fund', `/grants/${meeting.grant.id}/milestones/${meeting.seq}/meet`, compact({ version: meeting.grant.version, metOn: dateText(v.metOn), note: v.note }))}
          onCancel={() => setMeeting(undefined)}
          onConflict={reload}
          onDone={done(() => setMeeting(undefined), t('fund.milestoneMet'))}
        >
          <Form.Item name="metOn" label={t('fund.fields.metOn')} rules={afterAward(meeting.grant)}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
          </Form.Item>
          <Form.Item name="note" label={t('fund.fields.note')} rules={rules.text(2000)}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </ActionModal>
      )}
      {converting && (
        <ActionModal<{ convertedAmount: string; equityPercent: string; convertedOn: DateValue; note?: string }, Grant>
          title={`${t('fund.convert')} · ${converting.grantee.name}`}
          known={['convertedAmount', 'equityPercent', 'convertedOn', 'note']}
          stateLabel={statusLabel}
          submit={(v) =>
            api.post<Grant>('fund', `/grants/${converting.id}/convert`, compact({ version: converting.version, convertedAmount: moneyOf(v.convertedAmount), equityPercent: v.equityPercent, convertedOn: dateText(v.convertedOn), note: v.note }))
          }
          onCancel={() => setConverting(undefined)}
          onConflict={reload}
          onDone={done(() => setConverting(undefined), t('fund.converted'))}
        >
          <Form.Item
            name="convertedAmount"
            label={t('fund.fields.convertedAmount')}
            extra={`≤ ${formatMoney(converting.amount)}`}
            rules={[
              ...rules.money(),
              // At most the granted amount (the API's exceeds_grant).
              { validator: (_, v: string | undefined) => (v && /^\d+(\.\d+)?$/.test(v) && compareDecimal(v, converting.amount.amount) > 0 ? Promise.reject(new Error(t('form.atMost', { max: formatMoney(converting.amount) }))) : Promise.resolve()) },
            ]}
          >
            <InputNumber stringMode min="0.01" precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="equityPercent" label={t('fund.fields.equityPercent')} rules={[...rules.required, { pattern: EQUITY_PERCENT, message: t('form.percent') }, { validator: (_, v: string | undefined) => (v && /^0+(\.0+)?$/.test(v) ? Promise.reject(new Error(t('form.positive'))) : Promise.resolve()) }]}>
            <Input placeholder="2.5" />
          </Form.Item>
          <Form.Item name="convertedOn" label={t('fund.fields.convertedOn')} rules={afterAward(converting)}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
          </Form.Item>
          <Form.Item name="note" label={t('fund.fields.note')} rules={rules.text(2000)}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </ActionModal>
      )}
      {closing && (
        <ActionModal<{ reason: string; closedOn: DateValue }, Grant>
          title={`${t('fund.closeGrant')} · ${closing.grantee.name}`}
          known={['reason', 'closedOn']}
          danger
          stateLabel={statusLabel}
          submit={(v) => api.post<Grant>('fund', `/grants/${closing.id}/close`, { version: closing.version, reason: v.reason, closedOn: dateText(v.closedOn) })}
          onCancel={() => setClosing(undefined)}
          onConflict={reload}
          onDone={done(() => setClosing(undefined), t('fund.grantClosed'))}
        >
          <Form.Item name="reason" label={t('fund.fields.closeReason')} rules={rules.text(2000, true)}>
            <Input.TextArea rows={2} placeholder="不转投，按资助结题" />
          </Form.Item>
          <Form.Item name="closedOn" label={t('fund.fields.closedOn')} rules={afterAward(closing)}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}

interface AwardGrantForm {
  fundId: string;
  grantee: InstitutionInput;
  projectId?: string;
  amount: string;
  awardedOn: DateValue;
  convertible: boolean;
  milestones: { title: string; due: DateValue }[];
}

function AwardGrantModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<AwardGrantForm, Grant>
      title={t('fund.awardGrant')}
      width={760}
      testId="award-grant"
      known={['fundId', 'grantee', 'grantee.name', 'grantee.region', 'grantee.type', 'projectId', 'amount', 'awardedOn', 'convertible', 'milestones', 'milestones.*.title', 'milestones.*.due']}
      initialValues={{ convertible: true, milestones: [{ title: '' } as AwardGrantForm['milestones'][number]] }}
      submit={(v) =>
        api.post<Grant>(
          'fund',
          '/grants',
          compact({
            fundId: v.fundId,
            grantee: institutionOf(v.grantee),
            projectId: v.projectId,
            amount: moneyOf(v.amount),
            awardedOn: dateText(v.awardedOn),
            convertible: v.convertible,
            milestones: (v.milestones ?? []).map((m) => ({ title: m.title, due: dateText(m.due) })),
          }),
        )
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="fundId" label={t('fund.fields.fund')} rules={rules.required}>
        <FundSelect testId="f-grant-fund" />
      </Form.Item>
      <InstitutionFields prefix={['grantee']} testId="f-grantee" nameLabel={t('fund.fields.grantee')} />
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="amount" label={t('fund.fields.amount')} rules={rules.money()}>
            <InputNumber stringMode min="0.01" precision={2} style={{ width: '100%' }} data-testid="f-grant-amount" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="awardedOn" label={t('fund.fields.awardedOn')} rules={rules.pastOrToday(true)}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} data-testid="f-grant-awarded-on" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="convertible" label={t('fund.fields.convertible')} valuePropName="checked">
            <Switch data-testid="f-grant-convertible" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="projectId" label={t('fund.fields.projectId')} rules={rules.id()}>
        <Input />
      </Form.Item>
      {/* 先拨后投 ties the later investment to milestones: at least one, at most 50, none due before the award. */}
      <Form.List
        name="milestones"
        rules={[
          {
            validator: async (_, ms: unknown[] | undefined) => {
              if ((ms ?? []).length < 1) throw new Error(t('fund.milestonesMin'));
              if ((ms ?? []).length > 50) throw new Error(t('fund.milestonesMax', { max: 50 }));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('fund.fields.milestones')} required>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key}>
                <Col span={14}>
                  <Form.Item name={[f.name, 'title']} rules={rules.name()}>
                    <Input placeholder={t('fund.fields.milestone')} data-testid={`f-grant-milestone-${i}-title`} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={[f.name, 'due']} dependencies={['awardedOn']} rules={[...rules.required, rules.notBefore(['awardedOn'], t('fund.fields.awardedOn'))]}>
                    <DatePicker placeholder={t('fund.fields.due')} style={{ width: '100%' }} data-testid={`f-grant-milestone-${i}-due`} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  {fields.length > 1 && (
                    <Button type="link" onClick={() => remove(f.name)}>
                      ×
                    </Button>
                  )}
                </Col>
              </Row>
            ))}
            <Button type="dashed" onClick={() => add({ title: '' })}>
              + {t('fund.addMilestone')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
    </ActionModal>
  );
}
