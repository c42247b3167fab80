import type { Region } from '@tjc/contracts';
import { conflict } from '../shared/http-errors';
import { defineStateMachine } from '../shared/state-machine';

/**
 * An innovation consortium (创新联合体): proposed → formed → concluded, with
 * joint research milestones recorded while formed (a self-transition, so the
 * table alone says when milestones are allowed).
 */
export const ConsortiumStateMachine = defineStateMachine('consortium', {
  proposed: { confirm: 'formed' },
  formed: { 'record-milestone': 'formed', conclude: 'concluded' },
  concluded: {},
});

export type ConsortiumStatus = (typeof ConsortiumStateMachine.states)[number];

export const CONSORTIUM_ORIGINS = ['coordinator', 'challenge-award', 'partner-report'] as const;
export type ConsortiumOrigin = (typeof CONSORTIUM_ORIGINS)[number];

export const OWN_SOURCE = 'tjc/industry-network';

/**
 * The plan's point of a consortium: Beijing/Hebei institutions doing joint
 * research with a Tianjin enterprise (the KPI "key Tianjin enterprises in
 * joint research with Beijing/Hebei institutions"). Xiong'an counts with Hebei.
 */
export const MEMBER_REGIONS = ['beijing', 'hebei', 'xiongan'] as const satisfies readonly Region[];

export function isEligibleLeadRegion(region: string): boolean {
  return region === 'tianjin';
}

export function isEligibleMemberRegion(region: string): boolean {
  return (MEMBER_REGIONS as readonly string[]).includes(region);
}

/**
 * A consortium a partner reported is their record: we keep it for the
 * overview but never emit milestones or a conclusion for it, because the
 * partner owns its lifecycle and our consortium id is unknown to the KPI
 * lineage of their event.
 */
export function assertOwnConsortium(c: { id: string; reportedBy: string }): void {
  if (c.reportedBy !== OWN_SOURCE) {
    throw conflict(`创新联合体 ${c.id} 由 ${c.reportedBy} 报送，此处只读 / consortium reported by ${c.reportedBy} is read-only here`, { reportedBy: c.reportedBy, allowedTransitions: [] });
  }
}
