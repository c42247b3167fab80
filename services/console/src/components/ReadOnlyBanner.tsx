import { Alert } from 'antd';
import { LockIcon } from './icons';
import { useTranslation } from 'react-i18next';
import { Network } from '@tjc/contracts';
import { useAuth } from '../auth/AuthProvider';
import { canWriteNetwork } from '../auth/session';
import { labelOf, langOf } from '../i18n/labels';

/** Shown on a workspace the user may read but not change (another network's, or a reader's). */
export function ReadOnlyBanner({ network }: { network: Network }) {
  const { t, i18n } = useTranslation();
  const { session } = useAuth();
  if (canWriteNetwork(session, network)) return null;
  const lang = langOf(i18n.language);
  const role = t(`roles.${session?.roles[0] ?? 'reader'}`);
  const networkLabel = labelOf(Network, network, lang);
  const description = session?.network
    ? t('readOnly.otherNetwork', { mine: labelOf(Network, session.network, lang), role, network: networkLabel })
    : t('readOnly.noNetwork', { role, network: networkLabel });
  return <Alert data-testid="read-only-banner" type="info" showIcon icon={<LockIcon />} title={t('readOnly.title')} description={description} style={{ marginBottom: 16 }} />;
}
