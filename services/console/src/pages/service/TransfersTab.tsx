import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField, ReceiverKind, Region, TransferMode } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { institutionOf, InstitutionFields, type InstitutionInput } from '../../components/InstitutionFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatMoney, type Money } from '../../lib/format';
import { compact, dateText, moneyOf, type DateValue } from '../../lib/forms';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { StatusTag, type Transfer } from './common';
import { ApplyFundingModal } from './FundingTab';

/** 成果转化: candidate → matching (receiver chosen) → negotiating → landed (contract), or abandoned. */
export function TransfersTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'service');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const rules = useRules();
  const list = useRecords<Transfer>('service', '/transfers');
  const [registering, setRegistering] = useState(false);
  const [matching, setMatching] = useState<Transfer>();
  const [negotiating, setNegotiating] = useState<Transfer>();
  const [landing, setLanding] = useState<Transfer>();
  const [abandoning, setAbandoning] = useState<Transfer>();
  const [applyingFunding, setApplyingFunding] = useState<Transfer>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['service'] });
  const done = (close: () => void, text: string) => () => {
    close();
    message.success(text);
    reload();
  };
  const stateLabel = (s: string) => t(`service.statuses.${s}`);
  return (
    <>
      {writable && (
        <Button type="primary" icon={<PlusIcon />} style={{ marginBottom: 12 }} onClick={() => setRegistering(true)} data-testid="register-transfer">
          {t('service.registerTransfer')}
        </Button>
      )}
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Transfer>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        data-testid="transfers-table"
        columns={[
          { title: t('service.fields.achievement'), key: 'a', render: (_: unknown, r) => <Typography.Text strong>{r.achievement.title}</Typography.Text> },
          { title: t('research.fields.field'), key: 'f', render: (_: unknown, r) => labelOf(IndustryField, r.achievement.field, lang) },
          { title: t('service.fields.origin'), key: 'o', render: (_: unknown, r) => `${r.origin.name} · ${labelOf(Region, r.origin.region, lang)}` },
          { title: t('service.fields.receiver'), key: 'r', render: (_: unknown, r) => (r.receiver ? `${r.receiver.name}${r.receiver.park ? ` · ${r.receiver.park}` : ''}` : '—') },
          { title: t('service.fields.mode'), dataIndex: 'mode', render: (m: string | null) => labelOf(TransferMode, m, lang) },
          { title: t('service.fields.contractAmount'), dataIndex: 'contractAmount', align: 'right', render: (m: Money | null) => formatMoney(m) },
          { title: t('service.fields.landedOn'), dataIndex: 'landedOn', render: (v: string | null) => v ?? '—' },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, r) =>
              writable ? (
                <Space size={4} wrap>
                  {r.allowedTransitions.includes('matching') && <Button size="small" onClick={() => setMatching(r)}>{t('service.matchTransfer')}</Button>}
                  {r.allowedTransitions.includes('negotiating') && <Button size="small" onClick={() => setNegotiating(r)}>{t('service.negotiateTransfer')}</Button>}
                  {r.allowedTransitions.includes('landed') && <Button size="small" type="primary" onClick={() => setLanding(r)}>{t('service.landTransfer')}</Button>}
                  {r.allowedTransitions.includes('abandoned') && <Button size="small" danger onClick={() => setAbandoning(r)}>{t('service.abandonTransfer')}</Button>}
                  {/* A landed transfer may apply for special funding (专项资金); the API refuses a second open application. */}
                  {r.status === 'landed' && <Button size="small" onClick={() => setApplyingFunding(r)} data-testid="transfer-apply-funding">{t('service.applyFunding')}</Button>}
                </Space>
              ) : null,
          },
        ]}
      />
      {applyingFunding && (
        <ApplyFundingModal
          transfer={{ id: applyingFunding.id, title: applyingFunding.achievement.title }}
          onCancel={() => setApplyingFunding(undefined)}
          onConflict={reload}
          onDone={done(() => setApplyingFunding(undefined), t('service.fundingApplied'))}
        />
      )}
      {registering && <RegisterTransferModal onCancel={() => setRegistering(false)} onDone={done(() => setRegistering(false), t('service.transferRegistered'))} />}
      {matching && (
        <ActionModal<{ kind: string; name: string; park?: string }, Transfer>
          title={`${t('service.matchTransfer')} · ${matching.achievement.title}`}
          known={['kind', 'name', 'park']}
          rename={{ 'receiver.kind': 'kind', 'receiver.name': 'name', 'receiver.park': 'park' }}
          initialValues={{ kind: 'park' }}
          stateLabel={stateLabel}
          submit={(v) => api.post<Transfer>('service', `/transfers/${matching.id}/match`, { version: matching.version, receiver: { kind: v.kind, name: v.name, ...(v.park ? { park: v.park } : {}) } })}
          onCancel={() => setMatching(undefined)}
          onConflict={reload}
          onDone={done(() => setMatching(undefined), t('service.matched'))}
        >
          <Form.Item name="kind" label={t('service.fields.receiverKind')} rules={rules.required}>
            <Select options={optionsOf(ReceiverKind, lang)} />
          </Form.Item>
          <Form.Item name="name" label={t('service.fields.receiverName')} rules={rules.name()}>
            <Input />
          </Form.Item>
          <Form.Item name="park" label={t('service.fields.park')} rules={rules.name(false)}>
            <Input placeholder="天开高教科创园" />
          </Form.Item>
        </ActionModal>
      )}
      {negotiating && (
        <ActionModal<{ note?: string }, Transfer>
          title={`${t('service.negotiateTransfer')} · ${negotiating.achievement.title}`}
          known={['note']}
          stateLabel={stateLabel}
          submit={(v) => api.post<Transfer>('service', `/transfers/${negotiating.id}/negotiate`, compact({ version: negotiating.version, note: v.note }))}
          onCancel={() => setNegotiating(undefined)}
          onConflict={reload}
          onDone={done(() => setNegotiating(undefined), t('service.negotiating'))}
        >
          <Form.Item name="note" label={t('service.fields.negotiationNote')} rules={rules.text(2000)}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionModal>
      )}
      {landing && (
        <ActionModal<{ mode: string; contractAmount: string; landedOn: DateValue }, Transfer>
          title={`${t('service.landTransfer')} · ${landing.achievement.title}`}
          known={['mode', 'contractAmount', 'landedOn', 'landedAt']}
          rename={{ landedAt: 'landedOn' }}
          stateLabel={stateLabel}
          submit={(v) => api.post<Transfer>('service', `/transfers/${landing.id}/land`, { version: landing.version, mode: v.mode, contractAmount: moneyOf(v.contractAmount), landedOn: dateText(v.landedOn) })}
          onCancel={() => setLanding(undefined)}
          onConflict={reload}
          onDone={done(() => setLanding(undefined), t('service.landed'))}
        >
          <Form.Item name="mode" label={t('service.fields.mode')} rules={rules.required}>
            <Select options={optionsOf(TransferMode, lang)} />
          </Form.Item>
          <Form.Item name="contractAmount" label={t('service.fields.contractAmount')} rules={rules.money(true, false)}>
            <InputNumber stringMode min="0" precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="landedOn" label={t('service.fields.landedOn')} rules={rules.required}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </ActionModal>
      )}
      {abandoning && (
        <ActionModal<{ reason: string }, Transfer>
          title={`${t('service.abandonTransfer')} · ${abandoning.achievement.title}`}
          known={['reason']}
          danger
          stateLabel={stateLabel}
          submit={(v) => api.post<Transfer>('service', `/transfers/${abandoning.id}/abandon`, { version: abandoning.version, reason: v.reason })}
          onCancel={() => setAbandoning(undefined)}
          onConflict={reload}
          onDone={done(() => setAbandoning(undefined), t('service.abandoned'))}
        >
          <Form.Item name="reason" label={t('service.fields.reason')} rules={rules.text(2000, true)}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionModal>
      )}
    </>
  );
}

interface RegisterForm {
  achievement: { id?: string; title: string; field: string; summary?: string };
  origin: InstitutionInput;
  askingPrice?: string;
  projectId?: string;
}

function RegisterTransferModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  return (
    <ActionModal<RegisterForm, Transfer>
      title={t('service.registerTransfer')}
      width={720}
      testId="register-transfer"
      known={['achievement', 'achievement.id', 'achievement.title', 'achievement.field', 'achievement.summary', 'origin', 'origin.name', 'origin.region', 'origin.type', 'askingPrice', 'projectId']}
      submit={(v) =>
        api.post<Transfer>(
          'service',
          '/transfers',
          compact({
            achievement: compact({ id: v.achievement.id, title: v.achievement.title, field: v.achievement.field, summary: v.achievement.summary }),
            origin: institutionOf(v.origin),
            askingPrice: moneyOf(v.askingPrice),
            projectId: v.projectId,
          }),
        )
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <Row gutter={12}>
        <Col span={16}>
          <Form.Item name={['achievement', 'title']} label={t('service.fields.achievement')} rules={rules.name()}>
            <Input data-testid="f-achievement-title" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={['achievement', 'id']} label={t('service.fields.achievementId')} rules={rules.id()}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['achievement', 'field']} label={t('research.fields.field')} rules={rules.required}>
        <Select showSearch={{ optionFilterProp: 'label' }} options={optionsOf(IndustryField, lang)} data-testid="f-achievement-field" />
      </Form.Item>
      <Form.Item name={['achievement', 'summary']} label={t('service.fields.summary')} rules={rules.text(2000)}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <InstitutionFields prefix={['origin']} testId="f-origin" nameLabel={t('service.fields.origin')} />
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="askingPrice" label={t('service.fields.askingPrice')} rules={rules.money(false, false)}>
            <InputNumber stringMode min="0" precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="projectId" label={t('service.fields.projectId')} rules={rules.id()}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </ActionModal>
  );
}
