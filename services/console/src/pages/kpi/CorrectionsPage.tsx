import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Form, Input, Radio, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { allDefinitions, SOURCE_IDS } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { isCenterAdmin } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { LockIcon, PlusIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRecords } from '../../components/useRecords';
import { TraceLink } from '../../components/TraceLink';
import { useRules } from '../../components/rules';
import { formatDateTime } from '../../lib/format';
import { langOf, sourceLabel } from '../../i18n/labels';
import { EventTypeLabel } from '../../components/CodeLabel';

type CorrectionStatus = 'pending' | 'accepted' | 'unauthorised' | 'type-mismatch';

/** A correction as GET /kpi/corrections lists it (services/kpi list-corrections). */
interface Correction {
  readonly eventId: string;
  readonly source: string;
  readonly correctionId: string;
  readonly target: { readonly source: string; readonly id: string; readonly type: string };
  readonly action: 'retract' | 'amend';
  readonly reason: string;
  readonly time: string;
  readonly receivedAt: string;
  readonly status: CorrectionStatus;
}

interface Accepted {
  readonly status: 'accepted';
  readonly correctionId: string;
  readonly eventId: string;
}

const STATUS_COLOR: Record<CorrectionStatus, string> = { pending: 'gold', accepted: 'green', unauthorised: 'red', 'type-mismatch': 'red' };
const STATUSES: readonly CorrectionStatus[] = ['pending', 'accepted', 'unauthorised', 'type-mismatch'];
/** The event types a correction may target: every type of the catalogue but corrections themselves. */
const DEFINITIONS = allDefinitions().filter((d) => d.type !== 'center.event.corrected.v1');

/**
 * Corrections of events (center admin): retract a wrong event, or amend it
 * with full replacement data. The API publishes `center.event.corrected.v1`
 * (202); the KPI service applies it when consumed, so the list is polled
 * until the new correction shows. `?source=&type=&id=` (the drill-down's
 * "correct" link) opens the form for that event.
 */
export function CorrectionsPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const admin = isCenterAdmin(useAuth().session);
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<CorrectionStatus | 'all'>('all');
  const [awaiting, setAwaiting] = useState<string>();
  const prefill = params.get('id') ? { source: params.get('source') ?? undefined, type: params.get('type') ?? undefined, id: params.get('id') ?? undefined } : undefined;
  const [open, setOpen] = useState(admin && prefill !== undefined);

  const list = useRecords<Correction>('kpi', '/kpi/corrections', { status: status === 'all' ? undefined : status }, { refetchInterval: awaiting ? 1_000 : false });
  // Newest first, as the API lists them.
  const items = list.data?.items ?? [];
  // Keep refreshing until the submitted correction is listed AND judged: it
  // stays "pending" until the KPI service has consumed the event it targets.
  const arrived = awaiting !== undefined && items.some((c) => c.correctionId === awaiting && c.status !== 'pending');
  useEffect(() => {
    if (arrived) setAwaiting(undefined);
  }, [arrived]);

  return (
    <>
      <PageHeader
        title={t('corrections.title')}
        description={t('corrections.description')}
        extra={
          <>
            <Segmented value={status} onChange={(v) => setStatus(v as CorrectionStatus | 'all')} options={[{ value: 'all', label: t('app.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`corrections.statuses.${s}`) }))]} />
            {admin && (
              <Button type="primary" icon={<PlusIcon />} onClick={() => setOpen(true)} data-testid="submit-correction">
                {t('corrections.submit')}
              </Button>
            )}
          </>
        }
      />
      {!admin && <Alert type="info" showIcon icon={<LockIcon />} title={t('corrections.readOnly')} style={{ marginBottom: 16 }} data-testid="read-only-banner" />}
      {awaiting && <Alert type="info" showIcon title={t('corrections.applying')} style={{ marginBottom: 16 }} />}
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Correction>
        rowKey="eventId"
        loading={list.isLoading}
        dataSource={[...items]}
        pagination={list.pagination}
        data-testid="corrections-table"
        onRow={(c) => ({ 'data-correction-id': c.correctionId, 'data-target-id': c.target.id, 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('corrections.fields.time'), dataIndex: 'time', width: 150, render: (v: string) => formatDateTime(v, lang) },
          { title: t('corrections.fields.action'), dataIndex: 'action', width: 90, render: (a: string) => <Tag color={a === 'retract' ? 'red' : 'blue'}>{t(`corrections.actions.${a}`)}</Tag> },
          { title: t('corrections.fields.targetType'), key: 'type', width: 230, render: (_: unknown, c) => <EventTypeLabel type={c.target.type} /> },
          { title: t('corrections.fields.targetSource'), key: 'source', width: 150, render: (_: unknown, c) => sourceLabel(c.target.source, lang) },
          { title: t('corrections.fields.targetId'), key: 'id', ellipsis: true, render: (_: unknown, c) => <Typography.Text copyable style={{ fontSize: 12 }}>{c.target.id}</Typography.Text> },
          { title: t('corrections.fields.reason'), dataIndex: 'reason', ellipsis: true },
          { title: t('app.status'), dataIndex: 'status', width: 110, render: (s: CorrectionStatus) => <Tag color={STATUS_COLOR[s]}>{t(`corrections.statuses.${s}`)}</Tag> },
          { title: t('kpi.lineage.trace'), key: 'trace', width: 90, render: (_: unknown, c) => <TraceLink eventId={c.eventId} service="kpi" /> },
        ]}
      />
      {open && (
        <CorrectionModal
          prefill={prefill}
          onCancel={() => {
            setOpen(false);
            if (prefill) setParams({});
          }}
          onDone={(r) => {
            setOpen(false);
            if (prefill) setParams({});
            setAwaiting(r.correctionId);
            message.success(t('corrections.accepted'));
            void qc.invalidateQueries({ queryKey: ['kpi'] });
          }}
        />
      )}
    </>
  );
}

interface CorrectionForm {
  target: { source: string; type: string; id: string };
  action: 'retract' | 'amend';
  reason: string;
  replacement?: string;
}

/** The replacement's problems against the target type's schema, as "path: message" (empty when valid). */
function replacementProblems(type: string | undefined, text: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [(error as Error).message];
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return ['{ … }'];
  const definition = DEFINITIONS.find((d) => d.type === type);
  if (!definition) return [];
  const parsed = definition.data.safeParse(data);
  return parsed.success ? [] : parsed.error.issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

function CorrectionModal({ prefill, onCancel, onDone }: { prefill: { source?: string | undefined; type?: string | undefined; id?: string | undefined } | undefined; onCancel: () => void; onDone: (r: Accepted) => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  const [action, setAction] = useState<'retract' | 'amend'>('retract');
  return (
    <ActionModal<CorrectionForm, Accepted>
      title={t('corrections.submit')}
      width={760}
      testId="correction"
      known={['target', 'target.source', 'target.id', 'target.type', 'action', 'reason', 'replacement']}
      // An amendment's data errors come back with the target type's own paths (`participants`): they belong to the replacement.
      {...(action === 'amend' && { fallbackField: 'replacement' })}
      initialValues={{ action: 'retract', ...(prefill && { target: { source: prefill.source ?? '', type: prefill.type ?? '', id: prefill.id ?? '' } }) }}
      submit={(v) =>
        api.post<Accepted>('kpi', '/kpi/corrections', {
          target: v.target,
          action: v.action,
          reason: v.reason,
          ...(v.action === 'amend' && v.replacement !== undefined && { replacement: JSON.parse(v.replacement) as unknown }),
        })
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name={['target', 'source']} label={t('corrections.fields.targetSource')} rules={rules.required}>
        <Select showSearch={{ optionFilterProp: ['label', 'value'] }} options={SOURCE_IDS.map((s) => ({ value: s, label: sourceLabel(s, lang) }))} data-testid="f-correction-source" />
      </Form.Item>
      <Form.Item name={['target', 'type']} label={t('corrections.fields.targetType')} rules={rules.required}>
        <Select showSearch={{ optionFilterProp: ['label', 'value'] }} options={DEFINITIONS.map((d) => ({ value: d.type, label: d.title[lang] }))} data-testid="f-correction-type" />
      </Form.Item>
      <Form.Item name={['target', 'id']} label={t('corrections.fields.targetId')} extra={t('corrections.fields.targetIdHelp')} rules={rules.id(true)}>
        <Input data-testid="f-correction-id" />
      </Form.Item>
      <Form.Item name="action" label={t('corrections.fields.action')} rules={rules.required}>
        <Radio.Group onChange={(e) => setAction(e.target.value as 'retract' | 'amend')} data-testid="f-correction-action">
          <Radio value="retract">{t('corrections.actions.retract')}</Radio>
          <Radio value="amend" data-testid="f-correction-amend">{t('corrections.actions.amend')}</Radio>
        </Radio.Group>
      </Form.Item>
      <Form.Item name="reason" label={t('corrections.fields.reason')} rules={rules.text(2000, true)}>
        <Input.TextArea rows={2} placeholder="重复录入，撤回" data-testid="f-correction-reason" />
      </Form.Item>
      {action === 'amend' && (
        <Form.Item
          name="replacement"
          label={t('corrections.fields.replacement')}
          extra={t('corrections.fields.replacementHelp')}
          dependencies={[['target', 'type']]}
          rules={[
            ...rules.required,
            // Checked against the target type's schema from @tjc/contracts, as the KPI service checks it.
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) => {
                if (!v) return Promise.resolve();
                const problems = replacementProblems(getFieldValue(['target', 'type']) as string | undefined, v);
                return problems.length ? Promise.reject(new Error(problems.join('; '))) : Promise.resolve();
              },
            }),
          ]}
        >
          <Input.TextArea rows={8} style={{ fontFamily: 'monospace' }} data-testid="f-correction-replacement" />
        </Form.Item>
      )}
    </ActionModal>
  );
}
