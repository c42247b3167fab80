import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Empty, Form, Input, InputNumber, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { KpiCounting } from '@tjc/contracts';
import { api } from '../../api/client';
import { isApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { isCenterAdmin } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { LockIcon, PlusIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useRules } from '../../components/rules';
import { formatDateTime, yearInShanghai } from '../../lib/format';
import { eventTypeTitle, langOf, sourceLabel } from '../../i18n/labels';
import { EventTypeLabel } from '../../components/CodeLabel';
import { COUNTABLE_EVENT_TYPES, filterOf, KPI_CODE, rowOf, textOf, type FilterRow, type TargetDefinition } from './targets';

interface TargetForm {
  kpiCode: string;
  label: { zh: string; en: string };
  unit: { zh: string; en: string };
  target: number;
  eventTypes: string[];
  filters: FilterRow[];
  counting: { kind: KpiCounting['kind']; key: string; items?: string };
  sortOrder?: number;
  regionPath?: string;
}

interface Accepted {
  readonly status: 'accepted';
  readonly eventId: string;
  readonly year: number;
  readonly kpiCode: string;
}
/** The API's answer with the target that was sent, to know when it has applied. */
type Sent = Accepted & { readonly target: number };

/**
 * The center admin sets or changes the KPIs of a year (PUT
 * /kpi/targets/:year/:kpiCode). The API accepts (202) and the KPI applies when
 * its event is consumed, so after a change the list is polled until the new
 * target shows. Everyone else reads the targets and their history.
 */
export function TargetsPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const admin = isCenterAdmin(useAuth().session);
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(yearInShanghai());
  const [view, setView] = useState<'current' | 'history'>('current');
  const [editing, setEditing] = useState<TargetDefinition | 'new'>();
  const [awaiting, setAwaiting] = useState<{ kpiCode: string; target: number }>();

  const path = view === 'current' ? `/kpi/targets/${year}` : `/kpi/targets/${year}/history`;
  const list = useQuery({
    queryKey: ['kpi', 'targets', year, view],
    queryFn: () => api.get<{ items: TargetDefinition[] }>('kpi', path),
    // While a change is on its way through Kafka, look again every second.
    refetchInterval: awaiting ? 1_000 : false,
  });
  const notDefined = isApiError(list.error) && list.error.problem.kind === 'not-found';
  const items = list.data?.items ?? [];
  const applied = awaiting !== undefined && items.some((d) => d.current && d.kpiCode === awaiting.kpiCode && d.target === awaiting.target);
  useEffect(() => {
    if (applied) setAwaiting(undefined);
  }, [applied]);

  return (
    <>
      <PageHeader
        title={t('kpiTargets.title')}
        description={t('kpiTargets.description')}
        extra={
          <>
            <InputNumber value={year} min={2020} max={2100} precision={0} onChange={(v) => v !== null && setYear(v)} prefix={t('kpi.year')} style={{ width: 140 }} data-testid="targets-year" />
            <Segmented value={view} onChange={(v) => setView(v as 'current' | 'history')} options={[{ value: 'current', label: t('kpiTargets.current') }, { value: 'history', label: t('kpiTargets.history') }]} data-testid="targets-view" />
            {admin && (
              <Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="add-target">
                {t('kpiTargets.add')}
              </Button>
            )}
          </>
        }
      />
      {!admin && <Alert type="info" showIcon icon={<LockIcon />} title={t('kpiTargets.readOnly')} style={{ marginBottom: 16 }} data-testid="read-only-banner" />}
      {awaiting && <Alert type="info" showIcon title={t('kpiTargets.applying', { kpiCode: awaiting.kpiCode, target: awaiting.target })} style={{ marginBottom: 16 }} data-testid="target-applying" />}
      {isApiError(list.error) && !notDefined && <ProblemAlert problem={list.error.problem} />}
      {notDefined ? (
        <Card>
          <Empty description={t('kpi.noKpis', { year })} />
        </Card>
      ) : (
        <Table<TargetDefinition>
          rowKey={(d) => `${d.kpiCode}|${d.setBy.source}|${d.setBy.id}`}
          loading={list.isLoading}
          dataSource={items}
          pagination={false}
          data-testid="targets-table"
          onRow={(d) => ({ 'data-kpi-code': d.kpiCode, 'data-current': String(d.current) }) as React.HTMLAttributes<HTMLElement>}
          expandable={{ expandedRowRender: (d) => <Definition d={d} /> }}
          columns={[
            { title: t('kpiTargets.fields.kpiCode'), dataIndex: 'kpiCode', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('kpiTargets.fields.label'), key: 'label', render: (_: unknown, d) => d.label[lang] },
            { title: t('kpi.target'), dataIndex: 'target', align: 'right', render: (v: number, d) => <span data-testid={`target-value-${d.kpiCode}`}>{`${v} ${d.unit[lang]}`}</span> },
            { title: t('kpiTargets.fields.setAt'), dataIndex: 'setAt', render: (v: string) => formatDateTime(v, lang) },
            ...(view === 'history' ? [{ title: t('kpiTargets.inForce'), dataIndex: 'current', render: (c: boolean) => (c ? <Tag color="green">{t('kpiTargets.inForce')}</Tag> : null) }] : []),
            {
              title: t('app.actions'),
              key: 'a',
              render: (_: unknown, d: TargetDefinition) =>
                admin && d.current ? (
                  <Button size="small" onClick={() => setEditing(d)} data-testid={`change-target-${d.kpiCode}`}>
                    {t('kpiTargets.change')}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      {editing && (
        <TargetModal
          year={year}
          editing={editing === 'new' ? undefined : editing}
          onCancel={() => setEditing(undefined)}
          onDone={(sent) => {
            setEditing(undefined);
            setAwaiting(sent);
            message.success(t('kpiTargets.accepted'));
            void qc.invalidateQueries({ queryKey: ['kpi'] });
          }}
        />
      )}
    </>
  );
}

function Definition({ d }: { d: TargetDefinition }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return (
    <Space orientation="vertical" size={4}>
      <span>
        {t('kpiTargets.fields.eventTypes')}：{d.eventTypes.map((e) => <Tag key={e}><EventTypeLabel type={e} /></Tag>)}
      </span>
      <span>
        {t('kpiTargets.fields.filters')}：{d.filters.length === 0 ? '—' : d.filters.map((f, i) => <Tag key={i}>{`${f.path} ${t(`kpiTargets.ops.${f.op}`)}${f.op === 'eq' ? ` ${textOf(f.value)}` : f.op === 'in' ? ` ${f.values.map(textOf).join('、')}` : ''}`}</Tag>)}
      </span>
      <span>
        {t('kpiTargets.fields.counting')}：<Tag>{`${t(`kpiTargets.countings.${d.counting.kind}`)} · ${d.counting.kind === 'sum-distinct-items' ? `${d.counting.items} · ` : ''}${d.counting.key}`}</Tag>
      </span>
      <span>
        {t('kpiTargets.fields.regionPath')}：<Tag>{d.regionPath ?? t('kpiTargets.fields.regionByPublisher')}</Tag>
      </span>
      <span>
        {t('kpiTargets.fields.setBy')}：{sourceLabel(d.setBy.source, lang)} · <Typography.Text code>{d.setBy.id}</Typography.Text>
      </span>
    </Space>
  );
}

// Every field the API may name in a 400, dotted as the API spells it.
const KNOWN = ['kpiCode', 'label', 'label.zh', 'label.en', 'unit', 'unit.zh', 'unit.en', 'target', 'eventTypes', 'filters', 'filters.*', 'filters.*.path', 'filters.*.op', 'filters.*.value', 'filters.*.values', 'counting', 'counting.kind', 'counting.key', 'counting.items', 'sortOrder', 'regionPath'];

function TargetModal({ year, editing, onCancel, onDone }: { year: number; editing: TargetDefinition | undefined; onCancel: () => void; onDone: (sent: { kpiCode: string; target: number }) => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  const initial: Partial<TargetForm> = editing
    ? {
        kpiCode: editing.kpiCode,
        label: { ...editing.label },
        unit: { ...editing.unit },
        target: editing.target,
        eventTypes: [...editing.eventTypes],
        filters: editing.filters.map(rowOf),
        counting: editing.counting.kind === 'count-distinct' ? { kind: 'count-distinct', key: editing.counting.key } : { kind: 'sum-distinct-items', key: editing.counting.key, items: editing.counting.items },
        ...(editing.sortOrder !== null && { sortOrder: editing.sortOrder }),
        // Kept on a change: a setting without it would recount the KPI by publisher.
        ...(editing.regionPath !== null && { regionPath: editing.regionPath }),
      }
    : { filters: [], counting: { kind: 'count-distinct', key: 'subject' } };
  return (
    <ActionModal<TargetForm, Sent>
      title={editing ? `${t('kpiTargets.change')} · ${year} · ${editing.kpiCode}` : `${t('kpiTargets.add')} · ${year}`}
      width={820}
      testId="target"
      known={KNOWN}
      initialValues={initial}
      submit={async (v) => {
        const counting: KpiCounting = v.counting.kind === 'count-distinct' ? { kind: 'count-distinct', key: v.counting.key } : { kind: 'sum-distinct-items', key: v.counting.key, items: v.counting.items ?? '' };
        const body = {
          label: v.label,
          unit: v.unit,
          target: v.target,
          eventTypes: v.eventTypes,
          filters: (v.filters ?? []).map(filterOf),
          counting,
          ...(v.sortOrder !== undefined && v.sortOrder !== null && { sortOrder: v.sortOrder }),
          ...(v.regionPath?.trim() && { regionPath: v.regionPath.trim() }),
        };
        const accepted = await api.put<Accepted>('kpi', `/kpi/targets/${year}/${encodeURIComponent(v.kpiCode)}`, body);
        return { ...accepted, target: v.target };
      }}
      onCancel={onCancel}
      onDone={(r) => onDone({ kpiCode: r.kpiCode, target: r.target })}
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="kpiCode" label={t('kpiTargets.fields.kpiCode')} extra={t('kpiTargets.fields.kpiCodeHelp')} rules={[...rules.required, { pattern: KPI_CODE, message: t('kpiTargets.kpiCodeRule') }]}>
            <Input disabled={editing !== undefined} placeholder="achievements-landed" data-testid="f-target-code" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="target" label={t('kpi.target')} rules={rules.integer(0, Number.MAX_SAFE_INTEGER)}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="f-target-value" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="sortOrder" label={t('kpiTargets.fields.sortOrder')} rules={rules.integer(0, Number.MAX_SAFE_INTEGER, false)}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['label', 'zh']} label={t('kpiTargets.fields.labelZh')} rules={rules.name()}>
            <Input data-testid="f-target-label-zh" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['label', 'en']} label={t('kpiTargets.fields.labelEn')} rules={rules.name()}>
            <Input data-testid="f-target-label-en" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={['unit', 'zh']} label={t('kpiTargets.fields.unitZh')} rules={rules.text(20, true)}>
            <Input placeholder="项" data-testid="f-target-unit-zh" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['unit', 'en']} label={t('kpiTargets.fields.unitEn')} rules={rules.text(40, true)}>
            <Input placeholder="achievements" data-testid="f-target-unit-en" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="eventTypes" label={t('kpiTargets.fields.eventTypes')} rules={[{ required: true, type: 'array', min: 1 }]}>
        <Select mode="multiple" showSearch={{ optionFilterProp: ['label', 'value'] }} options={COUNTABLE_EVENT_TYPES.map((e) => ({ value: e, label: eventTypeTitle(e, lang) ?? e }))} data-testid="f-target-event-types" />
      </Form.Item>
      <Form.List name="filters" rules={[{ validator: async (_, fs: unknown[] | undefined) => { if ((fs ?? []).length > 10) throw new Error(t('kpiTargets.filtersMax', { max: 10 })); } }]}>
        {(fields, { add, remove }, { errors }) => (
          <Form.Item label={t('kpiTargets.fields.filters')} extra={t('kpiTargets.fields.filtersHelp')}>
            {fields.map((f) => (
              <Row gutter={8} key={f.key}>
                <Col span={9}>
                  <Form.Item name={[f.name, 'path']} rules={[{ required: true, whitespace: true }]}>
                    <Input placeholder="origin.region" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name={[f.name, 'op']} rules={rules.required}>
                    <Select options={(['eq', 'in', 'exists'] as const).map((op) => ({ value: op, label: t(`kpiTargets.ops.${op}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item noStyle shouldUpdate>
                    {({ getFieldValue }) => {
                      const op = getFieldValue(['filters', f.name, 'op']) as FilterRow['op'] | undefined;
                      if (op === 'eq')
                        return (
                          <Form.Item name={[f.name, 'value']} rules={[{ required: true, whitespace: true }]}>
                            <Input placeholder="tianjin / true / 5" />
                          </Form.Item>
                        );
                      if (op === 'in')
                        return (
                          <Form.Item name={[f.name, 'values']} rules={[{ required: true, whitespace: true }]}>
                            <Input placeholder="beijing, hebei, xiongan" />
                          </Form.Item>
                        );
                      return null;
                    }}
                  </Form.Item>
                </Col>
                <Col span={2}>
                  <Button type="link" onClick={() => remove(f.name)}>
                    ×
                  </Button>
                </Col>
              </Row>
            ))}
            <Button type="dashed" onClick={() => add({ op: 'eq' })}>
              + {t('kpiTargets.addFilter')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        )}
      </Form.List>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={['counting', 'kind']} label={t('kpiTargets.fields.counting')} rules={rules.required}>
            <Select options={(['count-distinct', 'sum-distinct-items'] as const).map((k) => ({ value: k, label: t(`kpiTargets.countings.${k}`) }))} data-testid="f-target-counting" />
          </Form.Item>
        </Col>
        <Form.Item noStyle shouldUpdate={(a: Partial<TargetForm>, b: Partial<TargetForm>) => a.counting?.kind !== b.counting?.kind}>
          {({ getFieldValue }) =>
            getFieldValue(['counting', 'kind']) === 'sum-distinct-items' ? (
              <Col span={8}>
                <Form.Item name={['counting', 'items']} label={t('kpiTargets.fields.countingItems')} rules={[{ required: true, whitespace: true }]}>
                  <Input placeholder="completions" />
                </Form.Item>
              </Col>
            ) : null
          }
        </Form.Item>
        <Col span={8}>
          <Form.Item name={['counting', 'key']} label={t('kpiTargets.fields.countingKey')} extra={t('kpiTargets.fields.countingKeyHelp')} rules={[{ required: true, whitespace: true }]}>
            <Input placeholder="subject" data-testid="f-target-counting-key" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="regionPath" label={t('kpiTargets.fields.regionPath')} extra={t('kpiTargets.fields.regionPathHelp')}>
        <Input placeholder="origin.region" allowClear data-testid="f-target-region-path" />
      </Form.Item>
    </ActionModal>
  );
}
