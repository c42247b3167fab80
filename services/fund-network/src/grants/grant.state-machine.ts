/**
 * Grant lifecycle (先拨后投 / 拨投联动):
 *
 *   awarded ──(last milestone met)──► milestones-met ──► converted   (convertible grants only, once)
 *      │                                    │
 *      └────────────────────────────────────┴──────────► closed      (with a reason)
 *
 * Milestones are met one by one while the grant is `awarded`; meeting the
 * last one moves the grant on. Conversion turns (part of) the grant into an
 * equity investment; the grant stays, so both views remain traceable.
 */
import type { Label } from '@tjc/contracts';
import type { Decimal } from '../shared/money.service';
import { transitionTable } from '../shared/transitions.state-machine';

export const GRANT_STATUSES = ['awarded', 'milestones-met', 'converted', 'closed'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export const GRANT_STATUS_LABELS: Record<GrantStatus, Label> = {
  awarded: { zh: '已拨付', en: 'Awarded' },
  'milestones-met': { zh: '里程碑已达成', en: 'Milestones met' },
  converted: { zh: '已拨转投', en: 'Converted to equity' },
  closed: { zh: '已结题', en: 'Closed' },
};

const table = transitionTable<GrantStatus>({
  awarded: ['milestones-met', 'closed'],
  'milestones-met': ['converted', 'closed'],
  converted: [],
  closed: [],
});

export interface GrantState {
  readonly status: GrantStatus;
  readonly convertible: boolean;
}

/** The table, less conversion for a grant that was not awarded as convertible. */
export function allowedGrantTransitions(grant: GrantState): GrantStatus[] {
  return table.allowed(grant.status).filter((to) => to !== 'converted' || grant.convertible);
}

export function canTransitionGrant(grant: GrantState, to: GrantStatus): boolean {
  return allowedGrantTransitions(grant).includes(to);
}

export function isGrantStatus(value: string): value is GrantStatus {
  return (GRANT_STATUSES as readonly string[]).includes(value);
}

/** A grant's status once milestones are met: it moves on only when every one is. */
export function statusAfterMilestones(milestonesMet: readonly boolean[]): Extract<GrantStatus, 'awarded' | 'milestones-met'> {
  return milestonesMet.length > 0 && milestonesMet.every(Boolean) ? 'milestones-met' : 'awarded';
}

export interface ConvertibleGrant extends GrantState {
  readonly amount: Decimal;
  readonly convertedAmount: Decimal | null;
}

export type ConversionRefusal =
  /** 409: the lifecycle refuses (not convertible, milestones pending, already converted, closed). */
  | { readonly kind: 'transition'; readonly currentState: GrantStatus; readonly allowedTransitions: GrantStatus[]; readonly reason: string }
  /** 400: the amount breaks the counting rule. */
  | { readonly kind: 'amount'; readonly reason: string };

/**
 * The counting rules of a conversion: a grant converts at most once, only
 * when convertible and its milestones are met, and for more than 0 and at
 * most the granted amount (equity cannot be counted twice, or out of money
 * that was never granted). Returns why not, or undefined when it may.
 */
export function conversionRefusal(grant: ConvertibleGrant, convertedAmount: Decimal): ConversionRefusal | undefined {
  const allowedTransitions = allowedGrantTransitions(grant);
  if (grant.status === 'converted' || grant.convertedAmount !== null) {
    return { kind: 'transition', currentState: grant.status, allowedTransitions, reason: 'the grant was already converted; a grant converts at most once' };
  }
  if (!grant.convertible) {
    return { kind: 'transition', currentState: grant.status, allowedTransitions, reason: 'the grant was not awarded as convertible' };
  }
  if (!canTransitionGrant(grant, 'converted')) {
    return { kind: 'transition', currentState: grant.status, allowedTransitions, reason: `a grant converts only once its milestones are met (status ${grant.status})` };
  }
  if (convertedAmount.lte(0)) return { kind: 'amount', reason: 'must be greater than 0' };
  if (convertedAmount.gt(grant.amount)) return { kind: 'amount', reason: `cannot exceed the granted amount ${grant.amount.toFixed(2)}` };
  return undefined;
}
