import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FundType, InvestmentRound, Region } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatMoney, type Money } from '../../lib/format';
import { compact, dateText, isFutureDate, moneyOf, type DateValue } from '../../lib/forms';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { useFunds, type Fund, type Investment } from './common';

/** The fund network's funds (天开园创业种子基金 …): register one, list them. */
export function FundsTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'fund');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState<string>();
  const list = useQuery({ queryKey: ['fund', 'funds', q ?? ''], queryFn: () => api.get<Page<Fund>>('fund', '/funds', { limit: 100, sort: '-createdAt', q }) });
  const [registering, setRegistering] = useState(false);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {writable && (
          <Button type="primary" icon={<PlusIcon />} onClick={() => setRegistering(true)} data-testid="register-fund">
            {t('fund.registerFund')}
          </Button>
        )}
        <SearchInput onSearch={setQ} testId="funds-search" />
      </Space>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Fund>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20, showTotal: (n) => t('app.total', { count: n }) }}
        data-testid="funds-table"
        columns={[
          { title: t('fund.fields.fundName'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('fund.fields.fundType'), dataIndex: 'type', render: (v: string) => labelOf(FundType, v, lang) },
          { title: t('fund.fields.manager'), dataIndex: 'manager' },
          { title: t('fund.fields.size'), dataIndex: 'size', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('fund.fields.establishedOn'), dataIndex: 'establishedOn', render: (v: string | null) => v ?? t('fund.planned') },
        ]}
      />
      {registering && (
        <RegisterFundModal
          onCancel={() => setRegistering(false)}
          onDone={() => {
            setRegistering(false);
            message.success(t('fund.fundRegistered'));
            void qc.invalidateQueries({ queryKey: ['fund'] });
          }}
        />
      )}
    </>
  );
}

interface RegisterFundForm {
  id?: string;
  name: string;
  type: string;
  manager: string;
  size: string;
  establishedOn?: DateValue;
  description?: string;
}

function RegisterFundModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  return (
    <ActionModal<RegisterFundForm, Fund>
      title={t('fund.registerFund')}
      width={680}
      testId="register-fund"
      known={['id', 'name', 'type', 'manager', 'size', 'establishedOn', 'description']}
      submit={(v) =>
        api.post<Fund>('fund', '/funds', compact({ id: v.id, name: v.name, type: v.type, manager: v.manager, size: moneyOf(v.size), establishedOn: dateText(v.establishedOn), description: v.description }))
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="name" label={t('fund.fields.fundName')} rules={rules.name()}>
        <Input placeholder="天开园创业种子基金" data-testid="f-fund-name" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="type" label={t('fund.fields.fundType')} rules={rules.required}>
            <Select options={optionsOf(FundType, lang)} data-testid="f-fund-type" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="id" label={t('fund.fields.fundId')} extra={t('fund.fields.fundIdHelp')} rules={rules.id()}>
            <Input placeholder="fund-tiankai-seed" data-testid="f-fund-id" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="manager" label={t('fund.fields.manager')} rules={rules.name()}>
        <Input data-testid="f-fund-manager" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="size" label={t('fund.fields.size')} rules={rules.money()}>
            <InputNumber stringMode min="0.01" precision={2} style={{ width: '100%' }} data-testid="f-fund-size" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="establishedOn" label={t('fund.fields.establishedOn')} extra={t('fund.fields.establishedOnHelp')} rules={rules.pastOrToday()}>
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('fund.fields.description')} rules={rules.text(2000)}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}

/** Every investment of the network's funds, including grants converted to equity (read-only: they are made through deals and conversions). */
export function InvestmentsTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const list = useRecords<Investment>('fund', '/investments');
  const funds = useFunds();
  const fundName = new Map((funds.data?.items ?? []).map((f) => [f.id, f.name]));
  return (
    <>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Investment>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={{ pageSize: 20, showTotal: (n) => t('app.total', { count: n }) }}
        data-testid="investments-table"
        columns={[
          { title: t('fund.fields.investee'), key: 'i', render: (_: unknown, i) => <Typography.Text strong>{`${i.investee.name} · ${labelOf(Region, i.investee.region, lang)}`}</Typography.Text> },
          { title: t('fund.fields.fund'), dataIndex: 'fundId', render: (id: string) => fundName.get(id) ?? id },
          { title: t('fund.fields.round'), dataIndex: 'round', render: (r: string) => labelOf(InvestmentRound, r, lang) },
          { title: t('fund.fields.investedAmount'), dataIndex: 'amount', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('fund.fields.equityPercent'), dataIndex: 'equityPercent', align: 'right', render: (p: string | null) => (p ? `${p}%` : '—') },
          { title: t('fund.fields.investedOn'), dataIndex: 'investedOn' },
        ]}
      />
    </>
  );
}
