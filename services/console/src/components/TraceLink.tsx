import { Button, Tooltip } from 'antd';
import { TraceIcon } from './icons';
import { useTranslation } from 'react-i18next';
import { traceLink } from '../lib/trace';
import { useConsoleConfig } from './config';

/** A link from an event to its trace in Jaeger. */
export function TraceLink({ eventId, traceparent, service }: { eventId: string | null; traceparent?: string | null | undefined; service?: string }) {
  const { t } = useTranslation();
  const { jaegerUrl } = useConsoleConfig();
  if (!eventId) return null;
  const href = traceLink(jaegerUrl, { eventId, traceparent: traceparent ?? null, ...(service !== undefined && { service }) });
  return (
    <Tooltip title={t('ops.openTrace')}>
      <Button type="link" size="small" href={href} target="_blank" rel="noreferrer" icon={<TraceIcon />} data-testid="trace-link">
        {t('ops.trace')}
      </Button>
    </Tooltip>
  );
}
