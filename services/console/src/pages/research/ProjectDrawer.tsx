import { useLayoutEffect } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Divider, Drawer, Empty, Flex, Form, Input, InputNumber, Popconfirm, Select, Skeleton, Space, Steps, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { IndustryField, InstitutionType, Region, RejectionReason } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { isApiError } from '../../api/errors';
import { AuditTrail } from '../../components/AuditTrail';
import { LockIcon } from '../../components/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useApiForm, type ApiFormState } from '../../components/useApiForm';
import { formatDateTime } from '../../lib/format';
import { labelOf, langOf, optionsOf, sourceLabel } from '../../i18n/labels';
import { PartnerReports } from './ReconciliationDrawer';
import { STATE_COLORS } from './ResearchWorkspace';
import { httpActions, type Expert, type Project, type ProjectState } from './types';

const PIPELINE: readonly ProjectState[] = ['submitted', 'under-review', 'in-demonstration', 'found', 'in-joint-research'];

/** The expert review screen: one project, its panel and reviews, and what the coordinator can do next. */
export function ProjectDrawer({ projectId, writable, onClose }: { projectId: string; writable: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const query = useQuery({ queryKey: ['research', 'project', projectId], queryFn: () => api.get<Project>('research', `/projects/${encodeURIComponent(projectId)}`) });
  const p = query.data;
  const stateLabel = (s: string) => (PIPELINE as readonly string[]).includes(s) || s === 'rejected' ? t(`research.states.${s as ProjectState}`) : s;

  return (
    <Drawer
      open
      size={880}
      onClose={onClose}
      destroyOnHidden
      data-testid="project-drawer"
      title={
        p ? (
          <Flex align="center" gap={8}>
            <span data-testid="project-title">{p.title}</span>
            <Tag color={STATE_COLORS[p.state]} data-testid="project-state" data-state={p.state}>
              {stateLabel(p.state)}
            </Tag>
            {!writable && (
              <Tag icon={<LockIcon />} bordered={false}>
                {t('app.readOnly')}
              </Tag>
            )}
          </Flex>
        ) : (
          t('app.loading')
        )
      }
    >
      {query.isLoading && <Skeleton active />}
      {isApiError(query.error) && <ProblemAlert problem={query.error.problem} />}
      {p && (
        <>
          <Steps
            size="small"
            current={p.state === 'rejected' ? Math.max(0, PIPELINE.indexOf(p.rejection?.stage === 'demonstration' ? 'in-demonstration' : 'under-review')) : PIPELINE.indexOf(p.state)}
            status={p.state === 'rejected' ? 'error' : 'process'}
            items={PIPELINE.map((s) => ({ title: stateLabel(s) }))}
            style={{ marginBottom: 20 }}
          />
          {p.state === 'rejected' && p.rejection && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={`${t('research.detail.rejection')}：${labelOf(RejectionReason, p.rejection.reason, lang)}`}
              description={p.rejection.detail ?? undefined}
            />
          )}
          <Actions project={p} writable={writable} stateLabel={stateLabel} />
          <Tabs
            items={[
              { key: 'overview', label: t('research.detail.overview'), children: <Overview project={p} /> },
              { key: 'panel', label: `${t('research.detail.panel')} (${p.review.panel.length})`, children: <PanelTable project={p} /> },
              { key: 'partner-reports', label: t('research.coReports.tab'), children: <PartnerReports projectId={p.id} /> },
              { key: 'audit', label: t('research.detail.audit'), children: <AuditTrail service="research" path={`/projects/${encodeURIComponent(p.id)}/audit`} otelService="research-network" testId="project-audit" page={{ limit: 100, queryKey: ['research', 'project', p.id, 'audit'] }} /> },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}

function Overview({ project: p }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <Descriptions column={2} size="small" bordered>
      <Descriptions.Item label={t('research.fields.institution')} span={2}>
        {p.institution.name} · {labelOf(Region, p.institution.region, lang)}
        {p.institution.type && ` · ${labelOf(InstitutionType, p.institution.type, lang)}`}
      </Descriptions.Item>
      <Descriptions.Item label={t('research.fields.field')}>{labelOf(IndustryField, p.field, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('research.fields.trl')}>{p.trl}</Descriptions.Item>
      <Descriptions.Item label={t('research.fields.source')}>{sourceLabel(p.source, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('research.fields.submittedAt')}>{formatDateTime(p.submittedAt, lang)}</Descriptions.Item>
      <Descriptions.Item label={t('research.fields.team')} span={2}>
        {p.team.map((m) => (m.role ? `${m.name}（${m.role}）` : m.name)).join('、')}
      </Descriptions.Item>
      <Descriptions.Item label={t('research.fields.summary')} span={2}>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{p.summary ?? '—'}</Typography.Paragraph>
      </Descriptions.Item>
      {p.confidentialDetail !== undefined && (
        <Descriptions.Item label={<span><LockIcon /> {t('research.fields.confidentialDetail')}</span>} span={2}>
          {p.confidentialDetail ?? '—'}
        </Descriptions.Item>
      )}
      {p.demonstration.startedAt && (
        <Descriptions.Item label={t('research.detail.demonstration')} span={2}>
          {formatDateTime(p.demonstration.startedAt, lang)}
          {p.demonstration.withHq !== null && ` · ${t('research.fields.withHq')}: ${p.demonstration.withHq ? '✓' : '✗'}`}
          {p.demonstration.conclusion && <div>{p.demonstration.conclusion}</div>}
        </Descriptions.Item>
      )}
      {p.foundAt && <Descriptions.Item label={t('research.fields.foundAt')}>{formatDateTime(p.foundAt, lang)}</Descriptions.Item>}
      {p.landingPlan && (
        <Descriptions.Item label={t('research.fields.landingSummary')} span={p.foundAt ? 1 : 2}>
          {p.landingPlan.summary}
          {p.landingPlan.targetPark && ` · ${p.landingPlan.targetPark}`}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function PanelTable({ project: p }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const done = p.review.panel.filter((m) => m.score !== null).length;
  return (
    <>
      <Flex gap={16} style={{ marginBottom: 12 }}>
        <Typography.Text>
          {p.review.passed === null
            ? t('research.detail.screeningPending', { done, total: p.review.panel.length })
            : p.review.passed
              ? t('research.detail.screeningPassed')
              : t('research.detail.screeningFailed')}
        </Typography.Text>
        {p.review.averageScore !== null && (
          <Typography.Text strong>
            {t('research.fields.averageScore')}: {p.review.averageScore.toFixed(1)}
          </Typography.Text>
        )}
      </Flex>
      <Table
        size="small"
        rowKey="expertId"
        pagination={false}
        dataSource={[...p.review.panel]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('app.none')} /> }}
        columns={[
          { title: t('research.fields.expert'), dataIndex: 'expertName' },
          { title: t('research.fields.region'), dataIndex: 'expertRegion', render: (r: string) => labelOf(Region, r, lang) },
          { title: t('research.fields.score'), dataIndex: 'score', render: (s: number | null) => (s === null ? <Tag>{t('research.detail.notReviewed')}</Tag> : <Tag color="blue">{s}</Tag>) },
          { title: t('research.fields.comment'), dataIndex: 'comment', render: (c: string | null) => c ?? '—' },
          { title: t('app.updatedAt'), dataIndex: 'reviewedAt', render: (d: string | null) => formatDateTime(d, lang) },
        ]}
      />
    </>
  );
}

/** The next steps the API allows now; each form sends the version it read. */
function Actions({ project: p, writable, stateLabel }: { project: Project; writable: boolean; stateLabel: (s: string) => string }) {
  const { t } = useTranslation();
  const actions = httpActions(p);
  const eventOnly = p.allowedTransitions.filter((a) => a.via === 'event');
  if (actions.length === 0 && eventOnly.length === 0) return null;
  return (
    <Card size="small" title={t('research.detail.nextSteps')} style={{ marginBottom: 16, background: '#fafcff' }} data-testid="project-actions">
      {!writable ? (
        <Space>
          <LockIcon />
          <Typography.Text type="secondary">
            {actions.map((a) => t(`research.actions.${a}`)).join(' · ')}
          </Typography.Text>
        </Space>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size={12}>
          {actions.includes('assign-experts') && <AssignPanel project={p} stateLabel={stateLabel} />}
          {actions.includes('record-review') && <ReviewForm project={p} stateLabel={stateLabel} />}
          {actions.includes('start-demonstration') && <StartDemonstration project={p} stateLabel={stateLabel} />}
          {actions.includes('select') && <SelectForm project={p} stateLabel={stateLabel} />}
          {actions.includes('reject') && <RejectForm project={p} stateLabel={stateLabel} />}
        </Space>
      )}
      {eventOnly.map((a) => (
        <Typography.Paragraph key={a.action} type="secondary" style={{ margin: '8px 0 0' }}>
          {t(`research.actions.${a.action}`)}: {t('research.detail.onlyByEvent')}
        </Typography.Paragraph>
      ))}
    </Card>
  );
}

/** After any answer: reload the project and the board (a 409 means our copy is out of date). */
function useAfterAction(p: Project) {
  const qc = useQueryClient();
  return async () => {
    await Promise.all([qc.invalidateQueries({ queryKey: ['research', 'project', p.id] }), qc.invalidateQueries({ queryKey: ['research', 'projects'] })]);
  };
}

async function runAction<T>(state: ApiFormState, reload: () => Promise<void>, call: () => Promise<T>): Promise<T | undefined> {
  const outcome = await state.run(call);
  // After a change, and after a 409 (the record moved on), show what is true now.
  if (outcome.ok || outcome.problem.status === 409) await reload();
  return outcome.ok ? outcome.value : undefined;
}

function ActionProblem({ state, stateLabel }: { state: ApiFormState; stateLabel: (s: string) => string }) {
  return state.problem ? (
    <div style={{ marginBottom: 8 }}>
      <ProblemAlert problem={state.problem} general={state.general} stateLabel={stateLabel} onClose={state.clear} />
    </div>
  ) : null;
}

function AssignPanel({ project: p, stateLabel }: { project: Project; stateLabel: (s: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [form] = Form.useForm<{ expertIds: string[] }>();
  const state = useApiForm(form, ['expertIds']);
  const reload = useAfterAction(p);
  const experts = useQuery({
    queryKey: ['research', 'experts', 'eligible', p.id],
    queryFn: () => api.get<Page<Expert>>('research', '/experts', { eligibleFor: p.id, active: 'true', limit: 200 }),
  });
  const { message } = useAppMessage();
  return (
    <div data-testid="assign-panel">
      <Typography.Text strong>{t('research.actions.assign-experts')}</Typography.Text>
      <ActionProblem state={state} stateLabel={stateLabel} />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 8 }}
        onFinish={async (v) => {
          const r = await runAction(state, reload, () => api.post<Project>('research', `/projects/${p.id}/review-panel`, { version: p.version, expertIds: v.expertIds }));
          if (r) message.success(t('research.moved', { state: stateLabel(r.state) }));
        }}
      >
        <Form.Item name="expertIds" rules={[{ required: true, type: 'array', min: 3, message: t('research.fields.expertsHelp') }]} extra={t('research.fields.expertsHelp')} style={{ flex: 1, minWidth: 420 }}>
          <Select
            mode="multiple"
            loading={experts.isLoading}
            placeholder={t('research.detail.pickExpert')}
            optionFilterProp="label"
            data-testid="assign-experts-select"
            options={(experts.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name} · ${e.institutionName} · ${labelOf(Region, e.region, lang)}` }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={state.submitting} data-testid="assign-experts-submit">
          {t('research.actions.assign-experts')}
        </Button>
      </Form>
    </div>
  );
}

function ReviewForm({ project: p, stateLabel }: { project: Project; stateLabel: (s: string) => string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ expertId: string; score: number; comment?: string }>();
  const state = useApiForm(form, ['expertId', 'score', 'comment']);
  const reload = useAfterAction(p);
  const { message } = useAppMessage();
  const pending = p.review.panel.filter((m) => m.score === null);
  const nextExpert = pending[0]?.expertId;
  // After each recorded review the next expert is preselected and the score and comment are cleared,
  // in the same commit that shows the new pending count (a layout effect, before paint): clearing
  // them after the reload had rendered could erase what the user had already typed for the next one.
  useLayoutEffect(() => {
    form.setFieldValue('expertId', nextExpert);
    form.resetFields(['score', 'comment']);
  }, [form, nextExpert]);
  if (pending.length === 0) return <Typography.Text type="secondary">{t('research.detail.allReviewsIn')}</Typography.Text>;
  return (
    <div data-testid="review-form" data-pending={pending.length}>
      <Typography.Text strong>{t('research.actions.record-review')}</Typography.Text>
      <ActionProblem state={state} stateLabel={stateLabel} />
      <Form
        form={form}
        layout="inline"
        style={{ marginTop: 8, rowGap: 8 }}
        onFinish={async (v) => {
          const r = await runAction(state, reload, () => api.post<Project>('research', `/projects/${p.id}/reviews`, { expertId: v.expertId, score: v.score, ...(v.comment ? { comment: v.comment } : {}) }));
          if (r) message.success(t('research.reviewRecorded'));
        }}
      >
        <Form.Item name="expertId" rules={[{ required: true }]}>
          <Select style={{ width: 180 }} data-testid="review-expert" options={pending.map((m) => ({ value: m.expertId, label: m.expertName }))} />
        </Form.Item>
        <Form.Item name="score" rules={[{ required: true }, { type: 'integer', min: 0, max: 100 }]}>
          <InputNumber placeholder={t('research.fields.score')} min={0} max={100} style={{ width: 130 }} data-testid="review-score" />
        </Form.Item>
        <Form.Item name="comment" rules={[{ max: 2000 }]} style={{ flex: 1, minWidth: 200 }}>
          <Input placeholder={t('research.fields.comment')} data-testid="review-comment" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={state.submitting} data-testid="review-submit">
          {t('app.submit')}
        </Button>
      </Form>
    </div>
  );
}

function StartDemonstration({ project: p, stateLabel }: { project: Project; stateLabel: (s: string) => string }) {
  const { t } = useTranslation();
  const state = useApiForm(undefined, []);
  const reload = useAfterAction(p);
  const { message } = useAppMessage();
  return (
    <div>
      <ActionProblem state={state} stateLabel={stateLabel} />
      <Button
        type="primary"
        loading={state.submitting}
        data-testid="start-demonstration"
        onClick={async () => {
          const r = await runAction(state, reload, () => api.post<Project>('research', `/projects/${p.id}/demonstration`, { version: p.version }));
          if (r) message.success(t('research.moved', { state: stateLabel(r.state) }));
        }}
      >
        {t('research.actions.start-demonstration')}
      </Button>
    </div>
  );
}

function SelectForm({ project: p, stateLabel }: { project: Project; stateLabel: (s: string) => string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ withHq: boolean; conclusion: string; landingSummary?: string; targetPark?: string }>();
  const state = useApiForm(form, ['withHq', 'conclusion', 'landingSummary', 'targetPark'], {
    'demonstration.withHq': 'withHq',
    'demonstration.conclusion': 'conclusion',
    'landingPlan.summary': 'landingSummary',
    'landingPlan.targetPark': 'targetPark',
  });
  const reload = useAfterAction(p);
  const { message } = useAppMessage();
  return (
    <div data-testid="select-form">
      <Typography.Text strong>{t('research.actions.select')}</Typography.Text>
      <ActionProblem state={state} stateLabel={stateLabel} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ withHq: true }}
        style={{ marginTop: 8 }}
        onFinish={async (v) => {
          const body = {
            version: p.version,
            demonstration: { withHq: v.withHq, conclusion: v.conclusion },
            ...(v.landingSummary ? { landingPlan: { summary: v.landingSummary, ...(v.targetPark ? { targetPark: v.targetPark } : {}) } } : {}),
          };
          const r = await runAction(state, reload, () => api.post<Project>('research', `/projects/${p.id}/selection`, body));
          if (r) message.success(t('research.moved', { state: stateLabel(r.state) }));
        }}
      >
        <Form.Item name="withHq" label={t('research.fields.withHq')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="conclusion" label={t('research.fields.conclusion')} rules={[{ required: true }, { max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="select-conclusion" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="landingSummary" label={t('research.fields.landingSummary')} rules={[{ max: 2000 }]} style={{ flex: 2 }}>
            <Input />
          </Form.Item>
          <Form.Item name="targetPark" label={t('research.fields.targetPark')} rules={[{ max: 200 }]} style={{ flex: 1 }}>
            <Input />
          </Form.Item>
        </Flex>
        <Button type="primary" htmlType="submit" loading={state.submitting} data-testid="select-submit">
          {t('research.actions.select')}
        </Button>
      </Form>
    </div>
  );
}

function RejectForm({ project: p, stateLabel }: { project: Project; stateLabel: (s: string) => string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [form] = Form.useForm<{ reason: string; detail?: string }>();
  const state = useApiForm(form, ['reason', 'detail']);
  const reload = useAfterAction(p);
  const { message } = useAppMessage();
  return (
    <div>
      <Divider style={{ margin: '4px 0 12px' }} />
      <ActionProblem state={state} stateLabel={stateLabel} />
      <Form form={form} layout="inline" style={{ rowGap: 8 }}>
        <Form.Item name="reason" rules={[{ required: true }]}>
          <Select placeholder={t('research.fields.reason')} style={{ width: 240 }} options={optionsOf(RejectionReason, lang)} data-testid="reject-reason" />
        </Form.Item>
        <Form.Item name="detail" rules={[{ max: 2000 }]} style={{ flex: 1, minWidth: 200 }}>
          <Input placeholder={t('research.fields.detail')} />
        </Form.Item>
        <Popconfirm
          title={t('research.actions.reject')}
          onConfirm={async () => {
            const v = await form.validateFields().catch(() => undefined);
            if (!v) return;
            const r = await runAction(state, reload, () => api.post<Project>('research', `/projects/${p.id}/rejection`, { version: p.version, reason: v.reason, ...(v.detail ? { detail: v.detail } : {}) }));
            if (r) message.success(t('research.moved', { state: stateLabel(r.state) }));
          }}
        >
          <Button danger loading={state.submitting} data-testid="reject-submit">
            {t('research.actions.reject')}
          </Button>
        </Popconfirm>
      </Form>
    </div>
  );
}

/** antd's message bound to the app's theme and locale. */
function useAppMessage() {
  return AntApp.useApp();
}
