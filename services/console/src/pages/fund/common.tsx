import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FundType } from '@tjc/contracts';
import { api, type Page } from '../../api/client';
import type { Money } from '../../lib/format';
import { labelOf, langOf } from '../../i18n/labels';

/** The fund service's views (fund-view, grant-view, deal-view, investment-view). */
export interface Fund {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly manager: string;
  readonly size: Money;
  readonly establishedOn: string | null;
  readonly description: string | null;
  readonly version: number;
}

/** GET /funds/:id: the fund with its sub-funds' leverage (fund-view.service.ts FundDetailView, portfolio left out). */
export interface FundDetail extends Fund {
  readonly subFunds: { readonly count: number; readonly totalSize: Money; readonly ownContribution: Money; readonly socialCapital: Money; readonly leverage: string | null };
}

export interface SubFund {
  readonly id: string;
  readonly fundId: string;
  readonly name: string;
  readonly manager: string;
  readonly size: Money;
  readonly ownContribution: Money;
  readonly socialCapital: Money;
  /** (size − own) / own, 4 places. */
  readonly leverage: string;
  readonly establishedOn: string | null;
  readonly createdAt: string;
}

export interface Institution {
  readonly name: string;
  readonly region: string;
  readonly type?: string;
}

export interface Grant {
  readonly id: string;
  readonly fundId: string;
  readonly grantee: Institution;
  readonly projectId: string | null;
  readonly amount: Money;
  readonly awardedOn: string;
  readonly convertible: boolean;
  readonly status: string;
  /** Target states (`milestones-met`, `converted`, `closed`). */
  readonly allowedTransitions: readonly string[];
  readonly milestones: readonly { readonly seq: number; readonly title: string; readonly due: string; readonly metOn: string | null; readonly note: string | null }[];
  readonly conversion: { readonly investmentId: string | null; readonly convertedAmount: Money; readonly equityPercent: string | null; readonly convertedOn: string } | null;
  readonly closeReason: string | null;
  readonly version: number;
}

export interface Deal {
  readonly id: string;
  readonly title: string;
  readonly stage: string;
  /** Target stages. */
  readonly allowedTransitions: readonly string[];
  readonly origin: string;
  readonly investee: Institution;
  readonly field: string | null;
  readonly fundingNeed: Money | null;
  readonly fundId: string | null;
  readonly declineReason: string | null;
  readonly investmentId: string | null;
  readonly version: number;
}

export interface Investment {
  readonly id: string;
  readonly fundId: string;
  readonly dealId: string | null;
  readonly grantId: string | null;
  readonly investee: Institution;
  readonly amount: Money;
  readonly round: string;
  readonly investedOn: string;
  readonly equityPercent: string | null;
}

/** An equity share as the API takes it: 0 < p ≤ 100, at most 4 fraction digits (EquityPercent). */
export const EQUITY_PERCENT = /^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/;

export const STAGE_COLOR: Record<string, string> = { opportunity: 'blue', 'due-diligence': 'processing', 'investment-committee': 'purple', invested: 'success', declined: 'default', awarded: 'blue', 'milestones-met': 'processing', converted: 'success', closed: 'default' };

export function StageTag({ status, group }: { status: string; group: 'stages' | 'grantStatuses' }) {
  const { t, i18n } = useTranslation();
  const key = `fund.${group}.${status}`;
  return <Tag color={STAGE_COLOR[status] ?? 'default'}>{i18n.exists(key) ? t(key) : status}</Tag>;
}

export function useFunds() {
  return useQuery({ queryKey: ['fund', 'funds', 'all'], queryFn: () => api.get<Page<Fund>>('fund', '/funds', { limit: 200, sort: '-createdAt' }) });
}

/** A select of the registered funds (grants and investments name the fund that pays). */
export function FundSelect({ testId, ...props }: { testId: string; value?: string; onChange?: (v: string) => void; allowClear?: boolean }) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const funds = useFunds();
  return (
    <Select
      {...props}
      showSearch={{ optionFilterProp: 'label' }}
      loading={funds.isLoading}
      options={(funds.data?.items ?? []).map((f) => ({ value: f.id, label: `${f.name} · ${labelOf(FundType, f.type, lang)}` }))}
      data-testid={testId}
    />
  );
}
