import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Tabs, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField, InvestmentRound, Region } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { institutionOf, InstitutionFields, type InstitutionInput } from '../../components/InstitutionFields';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadOnlyBanner } from '../../components/ReadOnlyBanner';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatMoney, type Money } from '../../lib/format';
import { compact, dateText, isFutureDate, moneyOf, type DateValue } from '../../lib/forms';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { EQUITY_PERCENT, FundSelect, StageTag, type Deal } from './common';
import { FundsTab, InvestmentsTab } from './FundsTab';
import { GrantsTab } from './GrantsTab';

const ADVANCE_TARGETS = ['due-diligence', 'investment-committee'] as const;

export function FundWorkspace() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('fund.title')} description={t('fund.description')} />
      <ReadOnlyBanner network="fund" />
      <Tabs
        items={[
          { key: 'deals', label: <span data-testid="tab-deals">{t('fund.tabs.deals')}</span>, children: <Deals /> },
          { key: 'grants', label: <span data-testid="tab-grants">{t('fund.tabs.grants')}</span>, children: <GrantsTab /> },
          { key: 'funds', label: <span data-testid="tab-funds">{t('fund.tabs.funds')}</span>, children: <FundsTab /> },
          { key: 'investments', label: <span data-testid="tab-investments">{t('fund.tabs.investments')}</span>, children: <InvestmentsTab /> },
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
  const [opening, setOpening] = useState(false);
  const [investing, setInvesting] = useState<Deal>();
  const rules = useRules();
  const reload = () => void qc.invalidateQueries({ queryKey: ['fund'] });
  const stageLabel = (s: string) => (i18n.exists(`fund.stages.${s}`) ? t(`fund.stages.${s}`) : s);
  return (
    <>
      {writable && (
        <Button type="primary" icon={<PlusIcon />} style={{ marginBottom: 12 }} onClick={() => setOpening(true)} data-testid="open-deal">
          {t('fund.openDeal')}
        </Button>
      )}
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Deal>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        columns={[
          { title: t('fund.fields.title'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('fund.fields.investee'), key: 'i', render: (_: unknown, d) => `${d.investee.name} · ${labelOf(Region, d.investee.region, lang)}` },
          { title: t('fund.fields.field'), dataIndex: 'field', render: (f: string | null) => labelOf(IndustryField, f, lang) },
          { title: t('fund.fields.fundingNeed'), dataIndex: 'fundingNeed', align: 'right', render: (m: Money | null) => formatMoney(m) },
          { title: t('fund.fields.stage'), dataIndex: 'stage', render: (s: string) => <StageTag status={s} group="stages" /> },
          {
            title: t('app.actions'),
            key: 'a',
            render: (_: unknown, d) =>
              writable ? (
                <Space size={4}>
                  {d.allowedTransitions.some((s) => (ADVANCE_TARGETS as readonly string[]).includes(s)) && <Button size="small" type="primary" onClick={() => setAdvancing(d)}>{t('fund.advance')}</Button>}
                  {d.allowedTransitions.includes('invested') && <Button size="small" type="primary" onClick={() => setInvesting(d)}>{t('fund.invest')}</Button>}
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
          <Form.Item name="note" label={t('fund.fields.note')} rules={rules.text(2000)}>
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
          <Form.Item name="reason" label={t('fund.fields.reason')} rules={rules.text(2000, true)}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionModal>
      )}
      {opening && <OpenDealModal onCancel={() => setOpening(false)} onDone={() => { setOpening(false); message.success(t('fund.dealOpened')); reload(); }} />}
      {investing && <InvestModal deal={investing} onCancel={() => setInvesting(undefined)} onConflict={reload} onDone={() => { setInvesting(undefined); message.success(t('fund.invested')); reload(); }} />}
    </>
  );
}

interface OpenDealForm {
  title: string;
  investee: InstitutionInput;
  field?: string;
  summary?: string;
  targetPark?: string;
  fundingNeed?: string;
  fundId?: string;
}

/** A coordinator opens an opportunity by hand (e.g. met at a financing roadshow, 融资路演). */
function OpenDealModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  return (
    <ActionModal<OpenDealForm, Deal>
      title={t('fund.openDeal')}
      width={720}
      testId="open-deal"
      known={['title', 'investee', 'investee.name', 'investee.region', 'investee.type', 'field', 'summary', 'targetPark', 'fundingNeed', 'fundId']}
      submit={(v) =>
        api.post<Deal>(
          'fund',
          '/deals',
          compact({ title: v.title, investee: institutionOf(v.investee), field: v.field, summary: v.summary, targetPark: v.targetPark, fundingNeed: moneyOf(v.fundingNeed), fundId: v.fundId }),
        )
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="title" label={t('fund.fields.title')} rules={rules.name()}>
        <Input data-testid="f-deal-title" />
      </Form.Item>
      <InstitutionFields prefix={['investee']} testId="f-investee" nameLabel={t('fund.fields.investee')} />
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="field" label={t('fund.fields.field')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={optionsOf(IndustryField, lang)} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="fundingNeed" label={t('fund.fields.fundingNeed')} rules={rules.money(false)}>
            <InputNumber stringMode min="0.01" precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="fundId" label={t('fund.fields.expectedFund')}>
            <FundSelect testId="f-deal-fund" allowClear />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="targetPark" label={t('fund.fields.targetPark')} rules={rules.name(false)}>
            <Input placeholder="天开高教科创园" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="summary" label={t('fund.fields.summary')} rules={rules.text(2000)}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}

interface InvestForm {
  fundId?: string;
  amount: string;
  round: string;
  investedOn: DateValue;
  equityPercent?: string;
}

/** The investment committee said yes: the deal becomes an investment of a fund. */
function InvestModal({ deal, onCancel, onDone, onConflict }: { deal: Deal; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  // 'grant-conversion' is reserved for converted grants (POST /grants/:id/convert).
  const rounds = optionsOf(InvestmentRound, lang).filter((o) => o.value !== 'grant-conversion');
  return (
    <ActionModal<InvestForm, Deal>
      title={`${t('fund.invest')} · ${deal.title}`}
      testId="invest"
      known={['fundId', 'amount', 'round', 'investedOn', 'investedAt', 'equityPercent']}
      rename={{ investedAt: 'investedOn' }}
      stateLabel={(s) => t(`fund.stages.${s}`)}
      {...(deal.fundId !== null && { initialValues: { fundId: deal.fundId } })}
      submit={(v) =>
        api.post<Deal>('fund', `/deals/${deal.id}/invest`, compact({ version: deal.version, fundId: v.fundId, amount: moneyOf(v.amount), round: v.round, investedOn: dateText(v.investedOn), equityPercent: v.equityPercent }))
      }
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      {/* Without a fund on the deal the API needs one here (its fundId "required"). */}
      <Form.Item name="fundId" label={t('fund.fields.fund')} rules={deal.fundId === null ? rules.required : []}>
        <FundSelect testId="f-invest-fund" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="amount" label={t('fund.fields.investedAmount')} rules={rules.money()}>
            <InputNumber stringMode min="0.01" precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="round" label={t('fund.fields.round')} rules={rules.required}>
            <Select options={rounds} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="investedOn" label={t('fund.fields.investedOn')} rules={rules.pastOrToday(true)}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="equityPercent" label={t('fund.fields.equityPercent')} rules={[{ pattern: EQUITY_PERCENT, message: t('form.percent') }]}>
            <Input placeholder="5" />
          </Form.Item>
        </Col>
      </Row>
    </ActionModal>
  );
}
