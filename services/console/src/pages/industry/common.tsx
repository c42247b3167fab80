import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Money } from '../../lib/format';

/** The industry service's views (read-challenges, read-consortia, read-enterprises, read-demands handlers). */
export interface Demand {
  readonly id: string;
  readonly enterpriseName: string;
  readonly field: string;
  readonly title: string;
  readonly problem: string;
  readonly budget: { readonly min: Money; readonly max: Money } | null;
  readonly deadline: string | null;
  /** Open and past its deadline (Asia/Shanghai), computed by the service at read time. */
  readonly overdue: boolean;
  readonly postedOn: string;
  readonly status: string;
  readonly allowedTransitions: readonly string[];
  readonly closedReason: string | null;
  readonly version: number;
}

export interface Challenge {
  readonly id: string;
  readonly demandId: string;
  readonly title: string;
  readonly field: string;
  readonly enterprise: { readonly name: string; readonly region: string };
  readonly reward: Money;
  readonly deadline: string;
  /** Still taking applications and past its deadline (Asia/Shanghai), computed by the service at read time. */
  readonly overdue: boolean;
  readonly publishedViaHq: boolean;
  readonly publishedOn: string;
  readonly status: string;
  /** Action names (`apply`, `award`, `cancel`), as the industry service lists them. */
  readonly allowedTransitions: readonly string[];
  readonly award: { readonly applicationId: string; readonly amount: Money; readonly awardedOn: string } | null;
  readonly cancelReason: string | null;
  readonly version: number;
}

export interface ChallengeApplication {
  readonly id: string;
  readonly challengeId: string;
  readonly institution: { readonly name: string; readonly region: string; readonly type?: string };
  readonly proposal: string;
  readonly status: 'submitted' | 'awarded' | 'not-selected';
  readonly submittedOn: string;
}

export interface Member {
  readonly name: string;
  readonly region: string;
  readonly type?: string;
}

export interface Consortium {
  readonly id: string;
  readonly name: string;
  readonly topic: string;
  readonly field: string;
  readonly leadEnterprise: { readonly name: string; readonly region: string };
  readonly members: readonly Member[];
  readonly status: string;
  /** Action names (`confirm`, `record-milestone`, `conclude`); empty for a partner's consortium. */
  readonly allowedTransitions: readonly string[];
  readonly origin: string;
  readonly reportedBy: string;
  readonly formedOn: string | null;
  readonly concludedOn: string | null;
  /** The lead as the industry network states it (the key-enterprise list at formedOn). */
  readonly statedLead?: { readonly isKeyEnterprise: boolean } | null;
  /** A partner's claim about the lead against the registry (ADR 0015). */
  readonly leadJudgement?: { readonly flagged: boolean; readonly mismatches: readonly string[] } | null;
  readonly version: number;
}

export interface ConsortiumDetail extends Consortium {
  readonly milestones: readonly { readonly id: string; readonly title: string; readonly reachedOn: string; readonly note: string | null }[];
}

export interface Enterprise {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly industryChain: string;
  readonly field: string;
  readonly isKeyEnterprise: boolean;
  readonly isChainLeader: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** Consortium members come from Beijing, Hebei or Xiong'an (the industry service's MEMBER_REGIONS). */
export const MEMBER_REGIONS = ['beijing', 'hebei', 'xiongan'] as const;

const STATUS_COLOR: Record<string, string> = { open: 'blue', 'published-as-challenge': 'purple', closed: 'default', published: 'processing', awarded: 'success', cancelled: 'default', proposed: 'gold', formed: 'green', concluded: 'default', submitted: 'blue', 'not-selected': 'default' };

export function StatusTag({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `industry.statuses.${status}`;
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{i18n.exists(key) ? t(key) : status}</Tag>;
}

/** A demand's or challenge's state, with 已逾期 beside it when the service flags the record overdue. */
export function StatusWithOverdue({ status, overdue }: { status: string; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <StatusTag status={status} />
      {overdue && (
        <Tooltip title={t('industry.overdueHelp')}>
          <Tag color="error" data-testid="overdue-tag">
            {t('industry.overdue')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
