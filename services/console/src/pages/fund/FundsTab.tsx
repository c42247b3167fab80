import { useMemo, useState } from 'react';
import { App as AntApp, Button, Checkbox, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FundType, InvestmentRound, Region } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { EditIcon, PlusIcon } from '../../components/icons';
import { assertChanged, patchOf } from '../../components/patch';
import { ProblemAlert } from '../../components/ProblemAlert';
import { RebaseOnReload } from '../../components/RebaseOnReload';
import { SearchInput } from '../../components/SearchInput';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatMoney, type Money } from '../../lib/format';
import { compact, dateText, isFutureDate, moneyOf, type DateValue } from '../../lib/forms';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { useFunds, type Fund, type FundDetail, type Investment, type SubFund } from './common';

/** The fund network's funds (天开园创业种子基金 …): register one, list them, correct one, record its sub-funds (子基金) and see their leverage. */
export function FundsTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'fund');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState<string>();
  const list = useRecords<Fund>('fund', '/funds', { sort: '-createdAt', q });
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState<Fund>();
  const [addingSubFund, setAddingSubFund] = useState<Fund>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['fund'] });
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
        pagination={list.pagination}
        data-testid="funds-table"
        expandable={{ expandedRowRender: (f) => <SubFunds fund={f} /> }}
        columns={[
          { title: t('fund.fields.fundName'), dataIndex: 'name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('fund.fields.fundType'), dataIndex: 'type', render: (v: string) => labelOf(FundType, v, lang) },
          { title: t('fund.fields.manager'), dataIndex: 'manager' },
          { title: t('fund.fields.size'), dataIndex: 'size', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('fund.fields.establishedOn'), dataIndex: 'establishedOn', render: (v: string | null) => v ?? t('fund.planned') },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, f) =>
              writable ? (
                <Space size={4} wrap>
                  <Button size="small" icon={<EditIcon />} onClick={() => setEditing(f)} data-testid="fund-edit">
                    {t('fund.editFund')}
                  </Button>
                  <Button size="small" icon={<PlusIcon />} onClick={() => setAddingSubFund(f)} data-testid="fund-add-sub-fund">
                    {t('fund.addSubFund')}
                  </Button>
                </Space>
              ) : null,
          },
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
      {editing && (
        <EditFundModal
          fund={editing}
          onCancel={() => setEditing(undefined)}
          onConflict={reload}
          onDone={() => {
            setEditing(undefined);
            message.success(t('fund.fundUpdated'));
            reload();
          }}
        />
      )}
      {addingSubFund && (
        <AddSubFundModal
          fund={addingSubFund}
          onCancel={() => setAddingSubFund(undefined)}
          onDone={() => {
            setAddingSubFund(undefined);
            message.success(t('fund.subFundAdded'));
            reload();
          }}
        />
      )}
    </>
  );
}

/** A fund's sub-funds and the leverage over all of them (社会资本撬动), under its row. */
function SubFunds({ fund }: { fund: Fund }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: ['fund', 'fund', fund.id], queryFn: () => api.get<FundDetail>('fund', `/funds/${encodeURIComponent(fund.id)}`) });
  const list = useRecords<SubFund>('fund', `/funds/${encodeURIComponent(fund.id)}/sub-funds`);
  const error = list.error ?? detail.error;
  const summary = detail.data?.subFunds;
  return (
    <div data-testid={`sub-funds-${fund.id}`}>
      {isApiError(error) && <ProblemAlert problem={error.problem} />}
      {summary && summary.count > 0 && (
        <Descriptions size="small" column={4} style={{ marginBottom: 8 }} data-testid="sub-funds-summary">
          <Descriptions.Item label={t('fund.fields.subFundsTotal')}>{formatMoney(summary.totalSize)}</Descriptions.Item>
          <Descriptions.Item label={t('fund.fields.ownContribution')}>{formatMoney(summary.ownContribution)}</Descriptions.Item>
          <Descriptions.Item label={t('fund.fields.socialCapital')}>{formatMoney(summary.socialCapital)}</Descriptions.Item>
          <Descriptions.Item label={t('fund.fields.leverage')}>{summary.leverage ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<SubFund>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        pagination={list.pagination}
        dataSource={[...(list.data?.items ?? [])]}
        locale={{ emptyText: t('fund.noSubFunds') }}
        columns={[
          { title: t('fund.fields.subFundName'), dataIndex: 'name' },
          { title: t('fund.fields.manager'), dataIndex: 'manager' },
          { title: t('fund.fields.subFundSize'), dataIndex: 'size', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('fund.fields.ownContribution'), dataIndex: 'ownContribution', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('fund.fields.socialCapital'), dataIndex: 'socialCapital', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('fund.fields.leverage'), dataIndex: 'leverage', align: 'right' },
          { title: t('fund.fields.establishedOn'), dataIndex: 'establishedOn', render: (v: string | null) => v ?? t('fund.planned') },
        ]}
      />
    </div>
  );
}

interface EditFundForm {
  name: string;
  manager: string;
  size: string;
  establishedOn?: DateValue;
  clearEstablishedOn?: boolean;
  description?: string | undefined;
}

const fundFormOf = (f: Fund): EditFundForm => ({ name: f.name, manager: f.manager, size: f.size.amount, description: f.description ?? undefined });

/**
 * PATCH /funds/:id: the fund's master data, with the version read and only
 * the changed fields. The type is fixed once registered (the API does not
 * take it). The establishment date is set when a planned fund is
 * established, or cleared; the console never builds a date itself
 * (README), so the picker starts empty and "empty" means "unchanged".
 */
function EditFundModal({ fund, onCancel, onDone, onConflict }: { fund: Fund; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  const [base, setBase] = useState(fund);
  const shown = useMemo(() => fundFormOf(base), [base]);
  return (
    <ActionModal<EditFundForm, Fund>
      title={`${t('fund.editFund')} · ${fund.name}`}
      width={680}
      testId="edit-fund"
      known={['name', 'manager', 'size', 'establishedOn', 'description']}
      initialValues={fundFormOf(fund)}
      submit={(v) => {
        const patch = patchOf(base, {
          name: v.name,
          manager: v.manager,
          size: moneyOf(v.size),
          establishedOn: v.clearEstablishedOn ? null : dateText(v.establishedOn),
          // Text(2000) refuses an empty description: clearing it is `null`.
          description: v.description ? v.description : null,
        });
        assertChanged(patch, t('form.noChanges'), `PATCH /funds/${base.id}`);
        return api.patch<Fund>('fund', `/funds/${encodeURIComponent(base.id)}`, { version: base.version, ...patch });
      }}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={() => {
        void api.get<Fund>('fund', `/funds/${encodeURIComponent(base.id)}`).then(setBase, () => undefined);
        onConflict();
      }}
    >
      <RebaseOnReload values={shown} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }} data-testid="edit-fund-version">
        {labelOf(FundType, base.type, lang)} · {base.id} · {t('app.version')} {base.version}
      </Typography.Paragraph>
      <Form.Item name="name" label={t('fund.fields.fundName')} rules={rules.name()}>
        <Input data-testid="f-fund-name" />
      </Form.Item>
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
          <EstablishedOnField current={base.establishedOn} />
        </Col>
      </Row>
      <Form.Item name="description" label={t('fund.fields.description')} rules={rules.text(2000)}>
        <Input.TextArea rows={2} data-testid="f-fund-description" />
      </Form.Item>
    </ActionModal>
  );
}

/** The establishment date of an existing fund: pick one to set it, tick "planned" to clear it, leave both to keep it. */
function EstablishedOnField({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const rules = useRules();
  const form = Form.useFormInstance<EditFundForm>();
  const clearing = Form.useWatch('clearEstablishedOn', form) === true;
  return (
    <>
      <Form.Item
        name="establishedOn"
        label={t('fund.fields.establishedOn')}
        extra={current ? t('fund.fields.establishedOnCurrent', { date: current }) : t('fund.fields.establishedOnSet')}
        rules={rules.pastOrToday()}
        style={{ marginBottom: current ? 4 : undefined }}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} disabled={clearing} data-testid="f-fund-established-on" />
      </Form.Item>
      {current && (
        <Form.Item name="clearEstablishedOn" valuePropName="checked">
          <Checkbox data-testid="f-fund-clear-established-on">{t('fund.fields.clearEstablishedOn')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}

interface AddSubFundForm {
  name: string;
  manager: string;
  size: string;
  ownContribution: string;
  establishedOn?: DateValue;
}

/** POST /funds/:id/sub-funds: a sub-fund the fund contributed to; the leverage follows from size and own contribution. */
function AddSubFundModal({ fund, onCancel, onDone }: { fund: Fund; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<AddSubFundForm, SubFund>
      title={`${t('fund.addSubFund')} · ${fund.name}`}
      width={680}
      testId="add-sub-fund"
      known={['name', 'manager', 'size', 'ownContribution', 'establishedOn']}
      submit={(v) =>
        api.post<SubFund>(
          'fund',
          `/funds/${encodeURIComponent(fund.id)}/sub-funds`,
          compact({ name: v.name, manager: v.manager, size: moneyOf(v.size), ownContribution: moneyOf(v.ownContribution), establishedOn: dateText(v.establishedOn) }),
        )
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="name" label={t('fund.fields.subFundName')} rules={rules.name()}>
        <Input placeholder="天开园人工智能产业子基金" data-testid="f-sub-fund-name" />
      </Form.Item>
      <Form.Item name="manager" label={t('fund.fields.manager')} rules={rules.name()}>
        <Input data-testid="f-sub-fund-manager" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="size" label={t('fund.fields.subFundSize')} rules={rules.money()}>
            <InputNumber stringMode min="0.01" precision={2} style={{ width: '100%' }} data-testid="f-sub-fund-size" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="ownContribution"
            label={t('fund.fields.ownContribution')}
            extra={t('fund.fields.ownContributionHelp')}
            dependencies={['size']}
            rules={[...rules.money(), rules.notAboveField(['size'], t('fund.fields.subFundSize'))]}
          >
            <InputNumber stringMode min="0.01" precision={2} style={{ width: '100%' }} data-testid="f-sub-fund-own" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="establishedOn" label={t('fund.fields.establishedOn')} extra={t('fund.fields.establishedOnHelp')} rules={rules.pastOrToday()}>
        <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} data-testid="f-sub-fund-established-on" />
      </Form.Item>
    </ActionModal>
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
            <DatePicker style={{ width: '100%' }} disabledDate={isFutureDate} data-testid="f-fund-established-on" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('fund.fields.description')} rules={rules.text(2000)}>
        <Input.TextArea rows={2} data-testid="f-fund-description" />
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
        pagination={list.pagination}
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
