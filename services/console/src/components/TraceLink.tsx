import type { MouseEvent } from 'react';
import { Button, Tooltip } from 'antd';
import { TraceIcon } from './icons';
import { useTranslation } from 'react-i18next';
import { findZipkinTrace, traceIdOf, traceLink, zipkinTraceUrl } from '../lib/trace';
import { useConsoleConfig } from './config';

/** A link from an event to its trace in the trace UI (Zipkin locally, Jaeger with compose). */
export function TraceLink({ eventId, traceparent, service }: { eventId: string | null; traceparent?: string | null | undefined; service?: string }) {
  const { t } = useTranslation();
  const { traceUi, loaded } = useConsoleConfig();
  // Until the console's settings arrive, the trace UI's address is not known: no link rather than a wrong one.
  if (!eventId || !loaded) return null;
  const href = traceLink(traceUi, { eventId, traceparent: traceparent ?? null, ...(service !== undefined && { service }) });
  // Zipkin with only the event's id: look the trace up and open it, else its search page (the href).
  const resolve = traceUi.kind === 'zipkin' && !traceIdOf(traceparent);
  const open = async (e: MouseEvent<HTMLElement>) => {
    if (!resolve || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    // Opened within the click, so no pop-up blocker stops it; pointed at the trace once it is known.
    const tab = window.open('about:blank', '_blank');
    const traceId = await findZipkinTrace(traceUi.url, eventId);
    const target = traceId ? zipkinTraceUrl(traceUi.url, traceId) : href;
    if (tab) {
      tab.opener = null;
      tab.location.href = target;
    } else window.location.href = target;
  };
  return (
    <Tooltip title={t('ops.openTrace')}>
      <Button type="link" size="small" href={href} target="_blank" rel="noreferrer" icon={<TraceIcon />} data-testid="trace-link" onClick={(e) => void open(e)}>
        {t('ops.trace')}
      </Button>
    </Tooltip>
  );
}
