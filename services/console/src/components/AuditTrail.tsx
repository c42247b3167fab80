import { Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ServiceName } from '../api/client';
import { isApiError } from '../api/errors';
import { formatDateTime } from '../lib/format';
import { langOf } from '../i18n/labels';
import { ProblemAlert } from './ProblemAlert';
import { TraceLink } from './TraceLink';

/** One row of a record's audit trail (`GET /<records>/:id/audit`, packages/runtime auditTrail). */
export interface AuditRow {
  readonly seq: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly requestId: string | null;
  readonly eventId: string | null;
}

/**
 * A record's audit trail, oldest first: who did what when, with a trace link
 * where the change published an event. `path` is the record's audit URL
 * (`/members/m-1/audit`); `otelService` names the service in Jaeger.
 */
export function AuditTrail({ service, path, otelService, testId }: { service: ServiceName; path: string; otelService: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const q = useQuery({ queryKey: [service, 'audit', path], queryFn: () => api.get<{ items: readonly AuditRow[] }>(service, path) });
  if (isApiError(q.error)) return <ProblemAlert problem={q.error.problem} />;
  return (
    <Table<AuditRow>
      size="small"
      rowKey="seq"
      loading={q.isLoading}
      pagination={false}
      dataSource={[...(q.data?.items ?? [])]}
      locale={{ emptyText: t('app.none') }}
      data-testid={testId}
      columns={[
        { title: t('audit.at'), dataIndex: 'at', width: 150, render: (d: string) => formatDateTime(d, lang) },
        { title: t('audit.action'), dataIndex: 'action' },
        { title: t('audit.actor'), dataIndex: 'actor' },
        { title: t('ops.trace'), dataIndex: 'eventId', width: 90, render: (id: string | null) => <TraceLink eventId={id} service={otelService} /> },
      ]}
    />
  );
}
