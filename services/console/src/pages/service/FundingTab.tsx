import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Region } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { AuditTrail } from '../../components/AuditTrail';
import { PlusIcon } from '../../components/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { formatMoney, type Money } from '../../lib/format';
import { compact, dateText, moneyOf, type DateValue } from '../../lib/forms';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { StatusTag, type ExpertReview, type FundingApplication, type Transfer } from './common';
import { FUNDING_STATUSES, fundingActions, reviewScorePreview } from './funding';

/** 专项资金: a landed transfer applies, experts review it, the center grants or declines. */
export function FundingTab() {
  const { t } = useTranslation();
  const writable = canWriteNetwork(useAuth().session, 'service');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string>();
  const list = useRecords<FundingApplication>('service', '/funding-applications', { status, sort: '-createdAt' });
  const [applying, setApplying] = useState(false);
  const [reviewing, setReviewing] = useState<FundingApplication>();
  const [granting, setGranting] = useState<FundingApplication>();
  const [declining, setDeclining] = useState<FundingApplication>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['service'] });
  const done = (close: () => void, text: string) => () => {
    close();
    message.success(text);
    reload();
  };
  // An open form follows the reloaded list (after a 409), so a retry carries the current version.
  const latest = (a: FundingApplication) => list.data?.items.find((x) => x.id === a.id) ?? a;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        {writable && (
          <Button type="primary" icon={<PlusIcon />} onClick={() => setApplying(true)} data-testid="apply-funding">
            {t('service.applyFunding')}
          </Button>
        )}
        <Select
          allowClear
          placeholder={t('app.status')}
          value={status}
          onChange={setStatus}
          options={FUNDING_STATUSES.map((s) => ({ value: s, label: t(`service.statuses.${s}`) }))}
          style={{ width: 160 }}
          data-testid="funding-status"
        />
      </Space>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<FundingApplication>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        expandable={{ expandedRowRender: (a) => <FundingDetail application={a} /> }}
        data-testid="funding-table"
        columns={[
          { title: t('service.fields.transfer'), dataIndex: 'transferId', render: (id: string) => <TransferTitle id={id} /> },
          { title: t('service.fields.requestedAmount'), dataIndex: 'requestedAmount', align: 'right', render: (m: Money) => formatMoney(m) },
          { title: t('service.fields.appliedOn'), dataIndex: 'appliedOn' },
          { title: t('service.fields.reviewScore'), dataIndex: 'reviewScore', align: 'right', render: (s: string | null) => s ?? '—' },
          { title: t('service.fields.grantedAmount'), dataIndex: 'grantedAmount', align: 'right', render: (m: Money | null) => formatMoney(m) },
          { title: t('service.fields.decidedOn'), dataIndex: 'decidedOn', render: (v: string | null) => v ?? '—' },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, a) => {
              if (!writable) return null;
              const can = fundingActions(a.allowedTransitions);
              return (
                <Space size={4} wrap>
                  {can.review && <Button size="small" type="primary" onClick={() => setReviewing(a)} data-testid="funding-review">{t('service.reviewFunding')}</Button>}
                  {can.grant && <Button size="small" type="primary" onClick={() => setGranting(a)} data-testid="funding-grant">{t('service.grantFunding')}</Button>}
                  {can.decline && <Button size="small" danger onClick={() => setDeclining(a)} data-testid="funding-decline">{t('service.declineFunding')}</Button>}
                </Space>
              );
            },
          },
        ]}
      />
      {applying && <ApplyFundingModal onCancel={() => setApplying(false)} onConflict={reload} onDone={done(() => setApplying(false), t('service.fundingApplied'))} />}
      {reviewing && <ReviewFundingModal application={latest(reviewing)} onCancel={() => setReviewing(undefined)} onConflict={reload} onDone={done(() => setReviewing(undefined), t('service.fundingReviewed'))} />}
      {granting && <GrantFundingModal application={latest(granting)} onCancel={() => setGranting(undefined)} onConflict={reload} onDone={done(() => setGranting(undefined), t('service.fundingGranted'))} />}
      {declining && <DeclineFundingModal application={latest(declining)} onCancel={() => setDeclining(undefined)} onConflict={reload} onDone={done(() => setDeclining(undefined), t('service.fundingDeclined'))} />}
    </>
  );
}

/**
 * The transfer an application is for, by its achievement's title. The
 * application names only the transfer's id, so each shown row reads its
 * transfer once (titles do not change: cached for the session).
 */
function TransferTitle({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['transfer-title', id], queryFn: () => api.get<Transfer>('service', `/transfers/${encodeURIComponent(id)}`), staleTime: Infinity });
  return <Typography.Text strong>{q.data?.achievement.title ?? id}</Typography.Text>;
}

function FundingDetail({ application: a }: { application: FundingApplication }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <div data-testid={`funding-detail-${a.id}`}>
      <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('service.fields.purpose')}>{a.purpose}</Descriptions.Item>
        {a.declineReason && <Descriptions.Item label={t('service.fields.declineReason')}>{a.declineReason}</Descriptions.Item>}
      </Descriptions>
      <Table<ExpertReview>
        size="small"
        rowKey={(r) => `${r.expertName}-${r.expertRegion}`}
        pagination={false}
        dataSource={[...a.reviews]}
        locale={{ emptyText: t('service.noReviews') }}
        style={{ marginBottom: 12 }}
        columns={[
          { title: t('service.fields.expertName'), dataIndex: 'expertName' },
          { title: t('service.fields.expertRegion'), dataIndex: 'expertRegion', render: (r: string) => labelOf(Region, r, lang) },
          { title: t('service.fields.score'), dataIndex: 'score', align: 'right', render: (s: number) => <Tag color="blue">{s}</Tag> },
          { title: t('service.fields.comment'), dataIndex: 'comment', render: (c: string | undefined) => c ?? '—' },
        ]}
      />
      <Typography.Text type="secondary">{t('audit.title')}</Typography.Text>
      <AuditTrail service="service" path={`/funding-applications/${encodeURIComponent(a.id)}/audit`} otelService="service-network" testId={`funding-audit-${a.id}`} />
    </div>
  );
}

interface ApplyForm {
  transferId: string;
  requestedAmount: string;
  purpose: string;
  appliedOn: DateValue;
}

/**
 * POST /transfers/:id/funding-applications. Only a landed transfer may apply,
 * and only one open application per transfer: the select offers landed
 * transfers, the API's 409 says when one is already open.
 */
export function ApplyFundingModal({ transfer, onCancel, onDone, onConflict }: { transfer?: { id: string; title: string }; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const [search, setSearch] = useState('');
  // The chosen transfer keeps its label when a later search no longer lists it.
  const [picked, setPicked] = useState<{ value: string; label: string }>();
  const landed = useQuery({
    queryKey: ['service', 'transfers', 'landed', search],
    queryFn: () => api.get<Page<Transfer>>('service', '/transfers', { status: 'landed', q: search.trim() || undefined, limit: 50, sort: '-landedOn' }),
    enabled: transfer === undefined,
  });
  return (
    <ActionModal<ApplyForm, FundingApplication>
      title={transfer ? `${t('service.applyFunding')} · ${transfer.title}` : t('service.applyFunding')}
      width={640}
      testId="apply-funding"
      known={['transferId', 'requestedAmount', 'purpose', 'appliedOn']}
      {...(transfer !== undefined && { initialValues: { transferId: transfer.id } })}
      stateLabel={(s) => t(`service.statuses.${s}`)}
      submit={(v) =>
        api.post<FundingApplication>('service', `/transfers/${encodeURIComponent(v.transferId)}/funding-applications`, {
          requestedAmount: moneyOf(v.requestedAmount),
          purpose: v.purpose,
          appliedOn: dateText(v.appliedOn),
        })
      }
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.Item name="transferId" label={t('service.fields.transfer')} extra={t('service.fields.transferHelp')} rules={rules.required} hidden={transfer !== undefined}>
        <Select<string, { value: string; label: string }>
          showSearch={{ filterOption: false, onSearch: setSearch }}
          loading={landed.isFetching}
          options={[
            ...(picked ? [picked] : []),
            ...(landed.data?.items ?? []).filter((r) => r.id !== picked?.value).map((r) => ({ value: r.id, label: `${r.achievement.title} · ${r.origin.name}${r.landedOn ? ` · ${r.landedOn}` : ''}` })),
          ]}
          onSelect={(_, option) => setPicked(option)}
          data-testid="f-funding-transfer"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="requestedAmount" label={t('service.fields.requestedAmount')} rules={rules.money(true, false)}>
            <InputNumber stringMode min="0" precision={2} style={{ width: '100%' }} data-testid="f-funding-amount" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="appliedOn" label={t('service.fields.appliedOn')} rules={rules.required}>
            <DatePicker style={{ width: '100%' }} data-testid="f-funding-applied-on" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="purpose" label={t('service.fields.purpose')} rules={rules.text(2000, true)}>
        <Input.TextArea rows={3} placeholder="中试放大与首台套验证" data-testid="f-funding-purpose" />
      </Form.Item>
    </ActionModal>
  );
}

interface ReviewForm {
  reviews: { expertName: string; expertRegion: string; score: number; comment?: string }[];
}

/** POST /funding-applications/:id/review: 1–20 experts' scores (0–100) and comments; the mean becomes the review score. */
function ReviewFundingModal({ application: a, onCancel, onDone, onConflict }: { application: FundingApplication; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  return (
    <ActionModal<ReviewForm, FundingApplication>
      title={`${t('service.reviewFunding')} · ${formatMoney(a.requestedAmount)}`}
      width={800}
      testId="review-funding"
      known={['reviews', 'reviews.*.expertName', 'reviews.*.expertRegion', 'reviews.*.score', 'reviews.*.comment']}
      initialValues={{ reviews: [{ expertName: '', expertRegion: 'beijing' } as ReviewForm['reviews'][number]] }}
      stateLabel={(s) => t(`service.statuses.${s}`)}
      submit={(v) =>
        api.post<FundingApplication>('service', `/funding-applications/${encodeURIComponent(a.id)}/review`, {
          version: a.version,
          reviews: (v.reviews ?? []).map((r) => compact({ expertName: r.expertName, expertRegion: r.expertRegion, score: r.score, comment: r.comment })),
        })
      }
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.List
        name="reviews"
        rules={[
          {
            validator: async (_, rs: unknown[] | undefined) => {
              if ((rs ?? []).length < 1) throw new Error(t('service.reviewsMin'));
              if ((rs ?? []).length > 20) throw new Error(t('service.reviewsMax', { max: 20 }));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('service.fields.reviews')} required>
            {fields.map((f, i) => (
              <Row gutter={8} key={f.key} align="top">
                <Col span={6}>
                  <Form.Item name={[f.name, 'expertName']} rules={rules.name()}>
                    <Input placeholder={t('service.fields.expertName')} data-testid={`f-review-${i}-name`} />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[f.name, 'expertRegion']} rules={rules.required}>
                    <Select placeholder={t('service.fields.expertRegion')} options={optionsOf(Region, lang)} data-testid={`f-review-${i}-region`} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[f.name, 'score']} rules={rules.integer(0, 100)}>
                    <InputNumber min={0} max={100} precision={0} placeholder={t('service.fields.score')} style={{ width: '100%' }} data-testid={`f-review-${i}-score`} />
                  </Form.Item>
                </Col>
                <Col span={7}>
                  <Form.Item name={[f.name, 'comment']} rules={rules.text(2000)}>
                    <Input placeholder={t('service.fields.comment')} data-testid={`f-review-${i}-comment`} />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  {fields.length > 1 && (
                    <Button type="link" onClick={() => remove(f.name)} aria-label={t('service.removeReview')}>
                      ×
                    </Button>
                  )}
                </Col>
              </Row>
            ))}
            <Button type="dashed" onClick={() => add({ expertName: '', expertRegion: 'beijing' })} disabled={fields.length >= 20} data-testid="f-review-add">
              + {t('service.addReview')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <ScorePreview />
    </ActionModal>
  );
}

/** The mean the service will record, as the scores are typed. */
function ScorePreview() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ReviewForm>();
  const reviews = Form.useWatch('reviews', form) as ReviewForm['reviews'] | undefined;
  const score = reviewScorePreview((reviews ?? []).map((r) => r?.score));
  return (
    <Typography.Text type="secondary" data-testid="review-score-preview">
      {t('service.reviewScoreIs', { score: score ?? '—' })}
    </Typography.Text>
  );
}

/** POST /funding-applications/:id/grant: at most the requested amount (the API's too_big on grantedAmount.amount). */
function GrantFundingModal({ application: a, onCancel, onDone, onConflict }: { application: FundingApplication; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<{ grantedAmount: string; decidedOn: DateValue }, FundingApplication>
      title={`${t('service.grantFunding')} · ${formatMoney(a.requestedAmount)}`}
      testId="grant-funding"
      known={['grantedAmount', 'decidedOn']}
      initialValues={{ grantedAmount: a.requestedAmount.amount }}
      stateLabel={(s) => t(`service.statuses.${s}`)}
      submit={(v) => api.post<FundingApplication>('service', `/funding-applications/${encodeURIComponent(a.id)}/grant`, { version: a.version, grantedAmount: moneyOf(v.grantedAmount), decidedOn: dateText(v.decidedOn) })}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Typography.Paragraph type="secondary">{t('service.reviewScoreIs', { score: a.reviewScore ?? '—' })}</Typography.Paragraph>
      <Form.Item
        name="grantedAmount"
        label={t('service.fields.grantedAmount')}
        extra={`≤ ${formatMoney(a.requestedAmount)}`}
        rules={[...rules.money(true, false), rules.amountAtMost(a.requestedAmount.amount, formatMoney(a.requestedAmount))]}
      >
        <InputNumber stringMode min="0" precision={2} style={{ width: '100%' }} data-testid="f-funding-granted-amount" />
      </Form.Item>
      <Form.Item name="decidedOn" label={t('service.fields.decidedOn')} rules={rules.required}>
        <DatePicker style={{ width: '100%' }} data-testid="f-funding-decided-on" />
      </Form.Item>
    </ActionModal>
  );
}

function DeclineFundingModal({ application: a, onCancel, onDone, onConflict }: { application: FundingApplication; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<{ reason: string; decidedOn: DateValue }, FundingApplication>
      title={`${t('service.declineFunding')} · ${formatMoney(a.requestedAmount)}`}
      testId="decline-funding"
      known={['reason', 'decidedOn']}
      danger
      stateLabel={(s) => t(`service.statuses.${s}`)}
      submit={(v) => api.post<FundingApplication>('service', `/funding-applications/${encodeURIComponent(a.id)}/decline`, { version: a.version, reason: v.reason, decidedOn: dateText(v.decidedOn) })}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.Item name="reason" label={t('service.fields.declineReason')} rules={rules.text(2000, true)}>
        <Input.TextArea rows={3} data-testid="f-funding-decline-reason" />
      </Form.Item>
      <Form.Item name="decidedOn" label={t('service.fields.decidedOn')} rules={rules.required}>
        <DatePicker style={{ width: '100%' }} data-testid="f-funding-decline-decided-on" />
      </Form.Item>
    </ActionModal>
  );
}
