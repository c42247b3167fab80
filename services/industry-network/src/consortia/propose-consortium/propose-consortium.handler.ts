import type { Enterprise, Institution } from '@tjc/contracts';
import type { Tx } from '../../prisma.service';
import { audit, type Actor } from '../../shared/audit';
import { newId } from '../../shared/ids';
import { isEligibleLeadRegion, isEligibleMemberRegion, OWN_SOURCE } from '../consortium.state-machine';

export type ProposalDecision = { readonly propose: true } | { readonly propose: false; readonly reason: string };

/**
 * Whether an award can become a consortium proposal. A challenge is open to
 * any institution, but a consortium joins a Tianjin lead enterprise with
 * Beijing/Hebei/Xiong'an institutions; an award outside that pattern (a
 * Tianjin university winning, or a Hebei enterprise's challenge) stands on
 * its own without a proposal.
 */
export function proposalDecision(lead: Pick<Enterprise, 'region'>, winner: Pick<Institution, 'region'>): ProposalDecision {
  if (!isEligibleLeadRegion(lead.region)) return { propose: false, reason: `发榜企业不在天津（${lead.region}） / the challenge's enterprise is not in Tianjin` };
  if (!isEligibleMemberRegion(winner.region)) return { propose: false, reason: `揭榜方不属于北京、河北或雄安（${winner.region}） / the winner is not from Beijing, Hebei or Xiong'an` };
  return { propose: true };
}

export interface AwardForProposal {
  readonly challengeId: string;
  readonly demandTitle: string;
  readonly field: string;
  readonly lead: Enterprise;
  readonly winner: Institution;
}

/**
 * Creates the consortium PROPOSAL inside the award's transaction.
 *
 * Why not consume our own industry.challenge.awarded.v1: the award and its
 * proposal are one decision of this service. Doing both in one transaction
 * means there is never an award without its proposal (or the reverse), and no
 * round trip through Kafka that would make the proposal appear "eventually"
 * to the coordinator who just clicked award. The event still goes out through
 * the outbox for the KPI service and partners.
 */
export async function proposeConsortiumFromAward(tx: Tx, who: Actor, award: AwardForProposal): Promise<string> {
  const id = newId('cs');
  await tx.consortium.create({
    data: {
      id,
      name: `${award.demandTitle}创新联合体`,
      topic: `${award.demandTitle}关键核心技术联合攻关`,
      field: award.field,
      leadEnterpriseId: award.lead.id,
      leadEnterprise: award.lead,
      status: 'proposed',
      origin: 'challenge-award',
      reportedBy: OWN_SOURCE,
      challengeId: award.challengeId,
      members: { create: [{ position: 0, institutionId: award.winner.id ?? null, name: award.winner.name, region: award.winner.region, type: award.winner.type ?? null }] },
    },
  });
  await audit(tx, who, 'consortium.proposed', 'consortium', id, { challengeId: award.challengeId, lead: award.lead.name, winner: award.winner });
  return id;
}
