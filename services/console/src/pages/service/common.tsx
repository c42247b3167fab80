import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Money } from '../../lib/format';

/**
 * The kinds of service-network member (services/service-network members/member.view.ts
 * MemberKind). Not a @tjc/contracts vocabulary, so their labels live in the
 * console's dictionaries (`service.memberKinds`).
 */
export const MEMBER_KINDS = ['transfer-agency', 'training-base', 'park'] as const;

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly region: string;
  readonly note: string | null;
  readonly version: number;
  readonly createdAt: string;
}

export interface ExpertReview {
  readonly expertName: string;
  readonly expertRegion: string;
  readonly score: number;
  readonly comment?: string;
}

/** services/service-network funding/funding-application.view.ts */
export interface FundingApplication {
  readonly id: string;
  readonly transferId: string;
  readonly status: string;
  readonly requestedAmount: Money;
  readonly purpose: string;
  readonly appliedOn: string;
  readonly reviews: readonly ExpertReview[];
  readonly reviewScore: string | null;
  readonly grantedAmount: Money | null;
  readonly decidedOn: string | null;
  readonly declineReason: string | null;
  /** Target states (`reviewed`, `granted`, `declined`). */
  readonly allowedTransitions: readonly string[];
  readonly version: number;
  readonly createdAt: string;
}

/** A transfer as the service lists it (transfer.view.ts, the fields the console shows). */
export interface Transfer {
  readonly id: string;
  readonly status: string;
  readonly achievement: { readonly title: string; readonly field: string };
  readonly origin: { readonly name: string; readonly region: string };
  readonly askingPrice: Money | null;
  readonly receiver: { readonly kind: string; readonly name: string; readonly park: string | null } | null;
  readonly mode: string | null;
  readonly contractAmount: Money | null;
  readonly landedOn: string | null;
  /** Target states (`matching`, `negotiating`, `landed`, `abandoned`). */
  readonly allowedTransitions: readonly string[];
  readonly version: number;
}

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
  applied: 'blue',
  reviewed: 'processing',
  granted: 'success',
  declined: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `service.statuses.${status}`;
  return <Tag color={STATUS_COLOR[status] ?? 'default'}>{i18n.exists(key) ? t(key) : status}</Tag>;
}
