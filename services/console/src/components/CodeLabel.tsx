import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { codeLabel, eventTypeTitle, langOf, topicKey, type CodeFamily } from '../i18n/labels';

/**
 * A code the console has no label for yet (a service newer than the console
 * wrote it): shown as itself, muted, so the cell is never empty and the code
 * can still be looked up.
 */
export function UnknownCode({ code }: { code: string }) {
  return (
    <Typography.Text type="secondary" code style={{ fontSize: 12 }} data-unknown-code={code}>
      {code}
    </Typography.Text>
  );
}

/** A code an API answered with, as its zh/en label (in a Tag when `color` is given); '—' when there is none. */
export function CodeLabel({ family, code, color }: { family: CodeFamily; code: string | null | undefined; color?: string }) {
  const { i18n } = useTranslation();
  if (code === null || code === undefined) return '—';
  const label = codeLabel(i18n, family, code);
  if (label === undefined) return <UnknownCode code={code} />;
  return color === undefined ? label : <Tag color={color}>{label}</Tag>;
}

/** An event type by its catalogue title, the type itself on hover (ops compare it with logs and traces). */
export function EventTypeLabel({ type }: { type: string | null | undefined }) {
  const { i18n } = useTranslation();
  if (type === null || type === undefined) return '—';
  const title = eventTypeTitle(type, langOf(i18n.language));
  return title === undefined ? <UnknownCode code={type} /> : <span title={type}>{title}</span>;
}

/** A Kafka topic by what it carries, its name on hover; other topics (a consumer's dead-letter topic) as their name. */
export function TopicLabel({ topic }: { topic: string }) {
  const { t } = useTranslation();
  const key = topicKey(topic);
  return key === undefined ? <UnknownCode code={topic} /> : <span title={topic}>{t(`ops.topics.${key}`)}</span>;
}
