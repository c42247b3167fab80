import { Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ServiceName } from '../api/client';
import { isApiError } from '../api/errors';
import { formatDateTime } from '../lib/format';
import { langOf, sourceLabel } from '../i18n/labels';
import { CodeLabel } from './CodeLabel';
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
 * For a paged audit endpoint (research's `/projects/:id/audit`): how many rows
 * to ask for, under the record's own query key so refreshing the record
 * refreshes its trail.
 */
export interface AuditPage {
  readonly limit: number;
  readonly queryKey: readonly unknown[];
}

/**
 * A record's audit trail, oldest first: who did what when, with a trace link
 * where the change published an event. `path` is the record's audit URL
 * (`/members/m-1/audit`); `otelService` names the service in Jaeger.
 */
export function AuditTrail({ service, path, otelService, testId, page }: { service: ServiceName; path: string; otelService: string; testId: string; page?: AuditPage }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const q = useQuery({ queryKey: page?.queryKey ?? [service, 'audit', path], queryFn: () => api.get<{ items: readonly AuditRow[] }>(service, path, { limit: page?.limit }) });
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
        { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <CodeLabel family="audit.actions" code={a} /> },
        { title: t('audit.actor'), dataIndex: 'actor', render: (a: string) => <ActorLabel actor={a} /> },
        { title: t('ops.trace'), dataIndex: 'eventId', width: 90, render: (id: string | null) => <TraceLink eventId={id} service={otelService} /> },
      ]}
    />
  );
}

/**
 * Who an audit row names: a person's account as it is, the runtime's
 * `anonymous`/`unknown` (denied requests), and the publisher behind
 * `event:<source>` or `partner:<id>` by its name.
 */
function ActorLabel({ actor }: { actor: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  if (actor === 'anonymous') return t('audit.anonymous');
  if (actor === 'unknown') return t('audit.unknownActor');
  if (actor.startsWith('event:')) return t('audit.byEvent', { source: sourceLabel(actor.slice('event:'.length), lang) });
  if (actor.startsWith('partner:')) return sourceLabel(`partner/${actor.slice('partner:'.length)}`, lang);
  return actor;
}
