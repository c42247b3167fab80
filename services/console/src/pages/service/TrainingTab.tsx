import { useState } from 'react';
import { App as AntApp, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Popconfirm, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CourseType, Region } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { isApiError, type ApiProblem } from '../../api/errors';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { ActionModal } from '../../components/ActionModal';
import { PlusIcon } from '../../components/icons';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SearchInput } from '../../components/SearchInput';
import { useRules } from '../../components/rules';
import { useRecords } from '../../components/useRecords';
import { compact, dateText, type DateValue } from '../../lib/forms';
import { labelOf, langOf, optionsOf } from '../../i18n/labels';
import { StatusTag } from './common';

/** The service network's training views (services/service-network training.view.ts). */
interface Course {
  readonly id: string;
  readonly type: string;
  readonly title: string;
  readonly description: string | null;
  readonly hours: number | null;
}
interface Session {
  readonly id: string;
  readonly course: { readonly id: string; readonly type: string; readonly title: string };
  readonly title: string;
  readonly status: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly place: string;
  readonly partnerRegion: string | null;
  readonly capacity: number | null;
  readonly enrolments: { readonly enrolled: number; readonly completed: number; readonly withdrawn: number };
  /** Target states (`in-progress`, `completed`). */
  readonly allowedTransitions: readonly string[];
  readonly version: number;
}
interface Enrolment {
  readonly id: string;
  readonly traineeId: string;
  readonly traineeName: string;
  readonly organisation: string | null;
  readonly status: string;
  readonly completedOn: string | null;
  readonly version: number;
}

/** Enrolment is open while a session is planned or running; completions once it runs (ENROLLING/COMPLETING_STATUSES). */
const ENROLLING = ['planned', 'in-progress'];
const COMPLETING = ['in-progress', 'completed'];

export function TrainingTab() {
  const { t } = useTranslation();
  const writable = canWriteNetwork(useAuth().session, 'service');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [creatingCourse, setCreatingCourse] = useState(false);
  const [planning, setPlanning] = useState(false);
  const reload = () => void qc.invalidateQueries({ queryKey: ['service'] });
  return (
    <>
      {writable && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<PlusIcon />} onClick={() => setPlanning(true)} data-testid="plan-session">
            {t('service.planSession')}
          </Button>
          <Button icon={<PlusIcon />} onClick={() => setCreatingCourse(true)} data-testid="create-course">
            {t('service.createCourse')}
          </Button>
        </Space>
      )}
      <Sessions />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('service.courses')}
      </Typography.Title>
      <Courses />
      {creatingCourse && <CreateCourseModal onCancel={() => setCreatingCourse(false)} onDone={() => { setCreatingCourse(false); message.success(t('service.courseCreated')); reload(); }} />}
      {planning && <PlanSessionModal onCancel={() => setPlanning(false)} onDone={() => { setPlanning(false); message.success(t('service.sessionPlanned')); reload(); }} />}
    </>
  );
}

function Courses() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const [q, setQ] = useState<string>();
  const list = useRecords<Course>('service', '/courses', { q, sort: '-createdAt' }, { pageSize: 10 });
  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <SearchInput onSearch={setQ} testId="courses-search" />
      </div>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      <Table<Course>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        data-testid="courses-table"
        columns={[
          { title: t('service.fields.course'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('service.fields.courseType'), dataIndex: 'type', render: (v: string) => labelOf(CourseType, v, lang) },
          { title: t('service.fields.hours'), dataIndex: 'hours', align: 'right', render: (v: number | null) => v ?? '—' },
          { title: t('service.fields.description'), dataIndex: 'description', ellipsis: true, render: (v: string | null) => v ?? '' },
        ]}
      />
    </>
  );
}

function Sessions() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const writable = canWriteNetwork(useAuth().session, 'service');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState<string>();
  const list = useRecords<Session>('service', '/training-sessions', { q, sort: '-createdAt' });
  const [enrolling, setEnrolling] = useState<Session>();
  const [completing, setCompleting] = useState<Session>();
  const [problem, setProblem] = useState<ApiProblem>();
  const reload = () => void qc.invalidateQueries({ queryKey: ['service'] });
  const total = (list.data?.items ?? []).reduce((a, s) => a + s.enrolments.completed, 0);

  // Start and close carry only the version: a confirmation, not a form.
  const transition = async (s: Session, action: 'start' | 'complete') => {
    setProblem(undefined);
    try {
      await api.post('service', `/training-sessions/${s.id}/${action}`, { version: s.version });
      message.success(t(action === 'start' ? 'service.sessionStarted' : 'service.sessionCompleted'));
    } catch (error) {
      if (!isApiError(error)) throw error;
      setProblem(error.problem);
    }
    reload();
  };

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <SearchInput onSearch={setQ} testId="sessions-search" />
      </div>
      {isApiError(list.error) && <ProblemAlert problem={list.error.problem} />}
      {problem && <div style={{ marginBottom: 12 }}><ProblemAlert problem={problem} stateLabel={(s) => t(`service.statuses.${s}`)} onClose={() => setProblem(undefined)} /></div>}
      <Table<Session>
        rowKey="id"
        loading={list.isLoading}
        dataSource={[...(list.data?.items ?? [])]}
        pagination={list.pagination}
        expandable={{ expandedRowRender: (s) => <Enrolments session={s} /> }}
        data-testid="sessions-table"
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={6}>{t('service.fields.completed')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right"><Typography.Text strong>{total}</Typography.Text></Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={2} />
          </Table.Summary.Row>
        )}
        columns={[
          { title: t('service.fields.session'), dataIndex: 'title', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
          { title: t('service.fields.courseType'), key: 'ct', render: (_: unknown, s) => labelOf(CourseType, s.course.type, lang) },
          { title: t('service.fields.startsOn'), key: 'd', render: (_: unknown, s) => `${s.startsOn} – ${s.endsOn}` },
          { title: t('service.fields.place'), dataIndex: 'place' },
          { title: t('service.fields.partnerRegion'), dataIndex: 'partnerRegion', render: (r: string | null) => labelOf(Region, r, lang) },
          { title: t('service.fields.enrolled'), key: 'e', align: 'right', render: (_: unknown, s) => `${s.enrolments.enrolled + s.enrolments.completed}${s.capacity ? ` / ${s.capacity}` : ''}` },
          { title: t('service.fields.completed'), key: 'c', align: 'right', render: (_: unknown, s) => s.enrolments.completed },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: t('app.actions'),
            key: 'actions',
            render: (_: unknown, s) =>
              writable ? (
                <Space size={4} wrap>
                  {ENROLLING.includes(s.status) && <Button size="small" onClick={() => setEnrolling(s)} data-testid="session-enrol">{t('service.enrol')}</Button>}
                  {s.allowedTransitions.includes('in-progress') && (
                    <Popconfirm title={t('service.startSessionConfirm')} onConfirm={() => void transition(s, 'start')}>
                      <Button size="small" data-testid="session-start">{t('service.startSession')}</Button>
                    </Popconfirm>
                  )}
                  {COMPLETING.includes(s.status) && s.enrolments.enrolled > 0 && <Button size="small" type="primary" onClick={() => setCompleting(s)}>{t('service.recordCompletions')}</Button>}
                  {s.allowedTransitions.includes('completed') && (
                    <Popconfirm title={t('service.completeSessionConfirm')} onConfirm={() => void transition(s, 'complete')}>
                      <Button size="small">{t('service.completeSession')}</Button>
                    </Popconfirm>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      {enrolling && <EnrolModal session={enrolling} onCancel={() => setEnrolling(undefined)} onDone={() => { setEnrolling(undefined); message.success(t('service.enrolled')); reload(); }} onConflict={reload} />}
      {completing && <CompletionsModal session={completing} onCancel={() => setCompleting(undefined)} onDone={() => { setCompleting(undefined); message.success(t('service.completionsRecorded')); reload(); }} onConflict={reload} />}
    </>
  );
}

function Enrolments({ session }: { session: Session }) {
  const { t } = useTranslation();
  const writable = canWriteNetwork(useAuth().session, 'service');
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const q = useRecords<Enrolment>('service', `/training-sessions/${session.id}/enrolments`);
  const [withdrawing, setWithdrawing] = useState<Enrolment>();
  return (
    <div data-testid={`enrolments-${session.id}`}>
      {isApiError(q.error) && <ProblemAlert problem={q.error.problem} />}
      <Table<Enrolment>
        size="small"
        rowKey="id"
        loading={q.isLoading}
        pagination={q.pagination}
        dataSource={[...(q.data?.items ?? [])]}
        locale={{ emptyText: t('service.noEnrolments') }}
        columns={[
          { title: t('service.fields.traineeName'), dataIndex: 'traineeName' },
          { title: t('service.fields.traineeId'), dataIndex: 'traineeId' },
          { title: t('service.fields.organisation'), dataIndex: 'organisation', render: (v: string | null) => v ?? '—' },
          { title: t('app.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('service.fields.completedOn'), dataIndex: 'completedOn', render: (v: string | null) => v ?? '—' },
          {
            title: t('app.actions'),
            key: 'a',
            render: (_: unknown, e) => (writable && e.status === 'enrolled' ? <Button size="small" onClick={() => setWithdrawing(e)}>{t('service.withdraw')}</Button> : null),
          },
        ]}
      />
      {withdrawing && (
        <WithdrawModal
          session={session}
          enrolment={withdrawing}
          onCancel={() => setWithdrawing(undefined)}
          onDone={() => {
            setWithdrawing(undefined);
            message.success(t('service.withdrawn'));
            void qc.invalidateQueries({ queryKey: ['service'] });
          }}
        />
      )}
    </div>
  );
}

function CreateCourseModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  return (
    <ActionModal<{ type: string; title: string; description?: string; hours?: number }, Course>
      title={t('service.createCourse')}
      testId="create-course"
      known={['type', 'title', 'description', 'hours']}
      submit={(v) => api.post<Course>('service', '/courses', compact({ type: v.type, title: v.title, description: v.description, hours: v.hours }))}
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="type" label={t('service.fields.courseType')} rules={rules.required}>
        <Select options={optionsOf(CourseType, lang)} data-testid="f-course-type" />
      </Form.Item>
      <Form.Item name="title" label={t('service.fields.course')} rules={rules.name()}>
        <Input placeholder="技术经理人初级培训" data-testid="f-course-title" />
      </Form.Item>
      <Form.Item name="hours" label={t('service.fields.hours')} rules={rules.integer(1, 2000, false)}>
        <InputNumber min={1} max={2000} precision={0} style={{ width: '100%' }} data-testid="f-course-hours" />
      </Form.Item>
      <Form.Item name="description" label={t('service.fields.description')} rules={rules.text(2000)}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </ActionModal>
  );
}

interface PlanSessionForm {
  courseId: string;
  title: string;
  startsOn: DateValue;
  endsOn: DateValue;
  place: string;
  partnerRegion?: string;
  capacity?: number;
}

function PlanSessionModal({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const rules = useRules();
  const courses = useQuery({ queryKey: ['service', 'courses', 'all'], queryFn: () => api.get<Page<Course>>('service', '/courses', { limit: 200, sort: '-createdAt' }) });
  return (
    <ActionModal<PlanSessionForm, Session>
      title={t('service.planSession')}
      width={680}
      testId="plan-session"
      known={['courseId', 'title', 'startsOn', 'endsOn', 'place', 'partnerRegion', 'capacity']}
      submit={(v) =>
        api.post<Session>('service', '/training-sessions', compact({ courseId: v.courseId, title: v.title, startsOn: dateText(v.startsOn), endsOn: dateText(v.endsOn), place: v.place, partnerRegion: v.partnerRegion, capacity: v.capacity }))
      }
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="courseId" label={t('service.fields.course')} rules={rules.required}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={courses.isLoading}
          options={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title} · ${labelOf(CourseType, c.type, lang)}` }))}
          data-testid="f-session-course"
        />
      </Form.Item>
      <Form.Item name="title" label={t('service.fields.session')} rules={rules.name()}>
        <Input placeholder="技术经理人初级培训（京津冀联合班）" data-testid="f-session-title" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="startsOn" label={t('service.fields.startsOn')} rules={rules.required}>
            <DatePicker style={{ width: '100%' }} data-testid="f-session-starts" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="endsOn" label={t('service.fields.endsOn')} dependencies={['startsOn']} rules={[...rules.required, rules.notBefore(['startsOn'], t('service.fields.startsOn'))]}>
            <DatePicker style={{ width: '100%' }} data-testid="f-session-ends" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="place" label={t('service.fields.place')} rules={rules.name()}>
        <Input data-testid="f-session-place" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          {/* A joint class is with Beijing, Hebei or Xiong'an, never Tianjin itself (as the API checks). */}
          <Form.Item name="partnerRegion" label={t('service.fields.partnerRegion')}>
            <Select allowClear options={optionsOf(Region, lang).filter((o) => o.value !== 'tianjin')} data-testid="f-session-partner" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="capacity" label={t('service.fields.capacity')} rules={rules.integer(1, 5000, false)}>
            <InputNumber min={1} max={5000} precision={0} style={{ width: '100%' }} data-testid="f-session-capacity" />
          </Form.Item>
        </Col>
      </Row>
    </ActionModal>
  );
}

function EnrolModal({ session, onCancel, onDone, onConflict }: { session: Session; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<{ traineeId: string; traineeName: string; organisation?: string }, Enrolment>
      title={`${t('service.enrol')} · ${session.title}`}
      testId="enrol"
      known={['traineeId', 'traineeName', 'organisation']}
      stateLabel={(s) => t(`service.statuses.${s}`)}
      submit={(v) => api.post<Enrolment>('service', `/training-sessions/${session.id}/enrolments`, compact({ traineeId: v.traineeId, traineeName: v.traineeName, organisation: v.organisation }))}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.Item name="traineeName" label={t('service.fields.traineeName')} rules={rules.name()}>
        <Input data-testid="f-trainee-name" />
      </Form.Item>
      <Form.Item name="traineeId" label={t('service.fields.traineeId')} extra={t('service.fields.traineeIdHelp')} rules={rules.id(true)}>
        <Input data-testid="f-trainee-id" />
      </Form.Item>
      <Form.Item name="organisation" label={t('service.fields.organisation')} rules={rules.name(false)}>
        <Input data-testid="f-trainee-organisation" />
      </Form.Item>
    </ActionModal>
  );
}

function CompletionsModal({ session, onCancel, onDone, onConflict }: { session: Session; onCancel: () => void; onDone: () => void; onConflict: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const q = useQuery({ queryKey: ['service', 'enrolments', session.id, 'enrolled'], queryFn: () => api.get<Page<Enrolment>>('service', `/training-sessions/${session.id}/enrolments`, { status: 'enrolled', limit: 200 }) });
  return (
    <ActionModal<{ enrolmentIds: string[]; completedOn: DateValue }, unknown>
      title={`${t('service.recordCompletions')} · ${session.title}`}
      testId="completions"
      known={['enrolmentIds', 'completedOn']}
      submit={(v) => api.post('service', `/training-sessions/${session.id}/completions`, { enrolmentIds: v.enrolmentIds, completedOn: dateText(v.completedOn) })}
      onCancel={onCancel}
      onDone={onDone}
      onConflict={onConflict}
    >
      <Form.Item name="enrolmentIds" label={t('service.fields.trainees')} rules={[{ required: true, type: 'array', min: 1, max: 5000 }]}>
        <Select mode="multiple" loading={q.isLoading} options={(q.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.traineeName}（${e.traineeId}）` }))} />
      </Form.Item>
      <Flex justify="end" style={{ marginTop: -12, marginBottom: 12 }}>
        <Tag bordered={false}>{t('service.personTimesNote')}</Tag>
      </Flex>
      <Form.Item name="completedOn" label={t('service.fields.completedOn')} rules={rules.required}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </ActionModal>
  );
}

function WithdrawModal({ session, enrolment, onCancel, onDone }: { session: Session; enrolment: Enrolment; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <ActionModal<{ reason?: string }, Enrolment>
      title={`${t('service.withdraw')} · ${enrolment.traineeName}`}
      known={['reason']}
      danger
      submit={(v) => api.post<Enrolment>('service', `/training-sessions/${session.id}/enrolments/${enrolment.id}/withdraw`, compact({ version: enrolment.version, reason: v.reason }))}
      onCancel={onCancel}
      onDone={onDone}
    >
      <Form.Item name="reason" label={t('service.fields.reason')} rules={rules.text(500)}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionModal>
  );
}
