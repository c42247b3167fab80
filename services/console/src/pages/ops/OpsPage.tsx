import { useState } from 'react';
import { Result, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/AuthProvider';
import { isOps } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { ConsumersTab } from './ConsumersTab';
import { DeadLettersTab } from './DeadLettersTab';
import { QuarantineTab } from './QuarantineTab';
import { RebuildTab } from './RebuildTab';

/** Ops view: consumers and throughput, dead letters, partner quarantine, KPI read-model rebuilds. */
export function OpsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [tab, setTab] = useState('consumers');
  if (!isOps(session)) return <Result status="403" title="403" subTitle={t('ops.forbidden')} />;
  return (
    <>
      <PageHeader title={t('ops.title')} description={t('ops.description')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'consumers', label: <span data-testid="ops-tab-consumers">{t('ops.tabs.consumers')}</span>, children: <ConsumersTab /> },
          { key: 'dead-letters', label: <span data-testid="ops-tab-dead-letters">{t('ops.tabs.deadLetters')}</span>, children: <DeadLettersTab /> },
          { key: 'quarantine', label: <span data-testid="ops-tab-quarantine">{t('ops.tabs.quarantine')}</span>, children: <QuarantineTab /> },
          { key: 'rebuild', label: <span data-testid="ops-tab-rebuild">{t('ops.tabs.rebuild')}</span>, children: <RebuildTab /> },
        ]}
      />
    </>
  );
}
