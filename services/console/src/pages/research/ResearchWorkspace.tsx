import { useState } from 'react';
import { Badge, Button, Card, Empty, Flex, Input, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IndustryField, Region } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import { useAuth } from '../../auth/AuthProvider';
import { canWriteNetwork } from '../../auth/session';
import { PlusIcon, ReloadIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ReadOnlyBanner } from '../../components/ReadOnlyBanner';
import { isApiError } from '../../api/errors';
import { isPartner, labelOf, langOf, optionsOf, sourceLabel } from '../../i18n/labels';
import { ProjectDrawer } from './ProjectDrawer';
import { ReconciliationDrawer } from './ReconciliationDrawer';
import { SubmitProjectModal } from './SubmitProjectModal';
import { PROJECT_STATES, type Project, type ProjectState } from './types';

export const STATE_COLORS: Record<ProjectState, string> = {
  submitted: 'default',
  'under-review': 'processing',
  'in-demonstration': 'purple',
  found: 'success',
  'in-joint-research': 'cyan',
  rejected: 'error',
};

/** The research pipeline as a board: one column per state, newest first. */
export function ResearchWorkspace() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { session } = useAuth();
  const writable = canWriteNetwork(session, 'research');
  const navigate = useNavigate();
  const { projectId } = useParams();
  const [q, setQ] = useState<string>();
  const [field, setField] = useState<string>();
  const [submitOpen, setSubmitOpen] = useState(false);
  const [reconcileOpen, setReconcileOpen] = useState(false);

  const columns = useQueries({
    queries: PROJECT_STATES.map((state) => ({
      queryKey: ['research', 'projects', state, q ?? '', field ?? ''],
      queryFn: () => api.get<Page<Project>>('research', '/projects', { state, q, field, limit: 50, sort: '-createdAt' }),
    })),
  });
  const firstError = columns.find((c) => c.error)?.error;

  return (
    <>
      <PageHeader
        title={t('research.title')}
        description={t('research.description')}
        extra={
          <>
            <Button icon={<ReloadIcon />} onClick={() => columns.forEach((c) => void c.refetch())}>
              {t('app.refresh')}
            </Button>
            <Button onClick={() => setReconcileOpen(true)} data-testid="open-reconciliations">
              {t('research.reconcile.open')}
            </Button>
            {writable && (
              <Button type="primary" icon={<PlusIcon />} onClick={() => setSubmitOpen(true)} data-testid="submit-project">
                {t('research.submitProject')}
              </Button>
            )}
          </>
        }
      />
      <ReadOnlyBanner network="research" />
      <Flex gap={12} style={{ marginBottom: 16 }} wrap>
        <Input.Search allowClear placeholder={t('research.search')} style={{ width: 280 }} onSearch={(v) => setQ(v.trim() || undefined)} data-testid="project-search" />
        <Select allowClear placeholder={t('research.fields.field')} style={{ width: 220 }} options={optionsOf(IndustryField, lang)} value={field} onChange={(v: string | undefined) => setField(v)} />
      </Flex>
      {isApiError(firstError) && <ProblemAlert problem={firstError.problem} />}
      <div className="tjc-board" data-testid="research-board">
        {PROJECT_STATES.map((state, i) => {
          const col = columns[i];
          const page = col?.data;
          return (
            <div className="tjc-column" key={state} data-testid={`column-${state}`}>
              <div className="tjc-column-head">
                <Space size={6}>
                  <Badge status={STATE_COLORS[state] === 'default' ? 'default' : STATE_COLORS[state] === 'error' ? 'error' : STATE_COLORS[state] === 'success' ? 'success' : 'processing'} />
                  <span>{t(`research.states.${state}`)}</span>
                </Space>
                <Tag bordered={false}>{page?.total ?? '…'}</Tag>
              </div>
              {col?.isLoading && <Skeleton active paragraph={{ rows: 3 }} />}
              {page && page.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('app.none')} />}
              {page?.items.map((p) => (
                <Card key={p.id} size="small" className="tjc-card" onClick={() => navigate(`/research/projects/${p.id}`)} data-testid="project-card" data-project-id={p.id}>
                  <Typography.Text strong ellipsis={{ tooltip: p.title }} style={{ display: 'block' }}>
                    {p.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {p.institution.name} · {labelOf(Region, p.institution.region, lang)}
                  </Typography.Text>
                  <Flex gap={4} wrap style={{ marginTop: 6 }}>
                    <Tag bordered={false} color="blue">
                      {labelOf(IndustryField, p.field, lang)}
                    </Tag>
                    <Tag bordered={false}>TRL {p.trl}</Tag>
                    {p.review.averageScore !== null && (
                      <Tooltip title={t('research.fields.averageScore')}>
                        <Tag bordered={false} color={p.review.passed ? 'green' : 'orange'}>
                          {p.review.averageScore.toFixed(1)}
                        </Tag>
                      </Tooltip>
                    )}
                    {isPartner(p.source) && (
                      <Tag bordered={false} color="gold">
                        {sourceLabel(p.source, lang)}
                      </Tag>
                    )}
                  </Flex>
                  {state === 'under-review' && p.review.panel.length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('research.detail.screeningPending', { done: p.review.panel.filter((m) => m.score !== null).length, total: p.review.panel.length })}
                    </Typography.Text>
                  )}
                </Card>
              ))}
            </div>
          );
        })}
      </div>
      {reconcileOpen && <ReconciliationDrawer writable={writable} onClose={() => setReconcileOpen(false)} />}
      <SubmitProjectModal open={submitOpen} onClose={() => setSubmitOpen(false)} onSubmitted={(p) => { setSubmitOpen(false); navigate(`/research/projects/${p.id}`); }} />
      {projectId && <ProjectDrawer projectId={projectId} writable={writable} onClose={() => navigate('/research')} />}
    </>
  );
}
