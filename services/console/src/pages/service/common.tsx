import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<string, string> = {
  candidate: 'default',
  matching: 'processing',
  negotiating: 'purple',
  landed: 'success',
  abandoned: 'default',
  planned: 'blue',
  open: 'processing',
  'in-progress': 'purple',
  completed: 'success',
  held: 'success',
  cancelled: 'default',
  enrolled: 'blue',
  withdrawn: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `service.statuses.${status}`;
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{i18n.exists(key) ? t(key) : status}</Tag>;
}
