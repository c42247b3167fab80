import { Button, Result } from 'antd';
import { Link, Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/AuthProvider';

/** Everyone lands where their work is: coordinators in their network, ops in the ops view, others on the KPIs. */
export function HomeRedirect() {
  const s = useSession();
  if (s.roles.includes('coordinator') && s.network) return <Navigate to={`/${s.network}`} replace />;
  if (s.roles.includes('ops')) return <Navigate to="/ops" replace />;
  return <Navigate to="/kpi" replace />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}
