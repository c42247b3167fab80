import { Alert, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { transitionTargets, type ApiProblem } from '../api/errors';

/**
 * One way to show every refusal of the services: 403 as a read-only notice,
 * 409 with the current state and what is possible now, 400's general errors
 * (field errors are shown next to their fields by useApiForm).
 */
export function ProblemAlert({ problem, general = [], stateLabel, onClose }: { problem: ApiProblem | undefined; general?: readonly string[]; stateLabel?: (state: string) => string; onClose?: () => void }) {
  const { t } = useTranslation();
  if (!problem) return null;
  const label = stateLabel ?? ((s: string) => s);
  const closable = onClose ? { closable: { onClose } } : {};
  switch (problem.kind) {
    case 'forbidden':
      return <Alert data-testid="problem-forbidden" type="warning" showIcon title={t('problem.forbidden')} description={t('problem.forbiddenDetail', { message: problem.message })} {...closable} />;
    case 'state-conflict': {
      const targets = transitionTargets(problem.allowedTransitions);
      return (
        <Alert
          data-testid="problem-conflict"
          type="error"
          showIcon
          title={t('problem.stateConflict')}
          description={
            <Space orientation="vertical" size={4}>
              <span>{problem.message}</span>
              <span>{t('problem.currentState', { state: label(problem.currentState) })}</span>
              <span>
                {targets.length ? t('problem.allowed') : t('problem.noneAllowed')}{' '}
                {targets.map((to) => (
                  <Tag key={to} color="blue">
                    {label(to)}
                  </Tag>
                ))}
              </span>
            </Space>
          }
          {...closable}
        />
      );
    }
    case 'stale-version':
      return <Alert data-testid="problem-stale" type="warning" showIcon title={t('problem.staleVersion', { version: problem.currentVersion })} {...closable} />;
    case 'validation':
      return (
        <Alert
          data-testid="problem-validation"
          type="error"
          showIcon
          title={t('problem.validation')}
          {...(general.length > 0 && { description: <ul style={{ margin: 0, paddingInlineStart: 18 }}>{general.map((g) => <li key={g}>{g}</li>)}</ul> })}
          {...closable}
        />
      );
    case 'unavailable':
      return <Alert type="error" showIcon title={t('problem.unavailable')} description={problem.message} {...closable} />;
    case 'not-found':
      return <Alert type="error" showIcon title={t('problem.notFound')} description={problem.message} {...closable} />;
    case 'unauthenticated':
      return <Alert type="error" showIcon title={t('problem.unauthenticated')} {...closable} />;
    case 'conflict':
      return <Alert type="error" showIcon title={t('problem.conflict')} description={problem.message} {...closable} />;
    default:
      return <Alert type="error" showIcon title={t('problem.other')} description={problem.message} {...closable} />;
  }
}
