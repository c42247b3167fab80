import { NotFoundException } from '@nestjs/common';
import type { Deal, Prisma } from '../generated/prisma/client';
import type { Tx } from '../prisma.service';
import { invalidTransition, staleVersion } from '../shared/conflicts.service';
import { dealLifecycle, type DealStage } from './deal.state-machine';
import { stageOf } from './deal-view.service';

/**
 * Moves a deal to `to` inside the caller's transaction, or answers:
 * 404 unknown deal; 409 stale version (checked first: a client with an old
 * copy should reload before anything else); 409 transition the lifecycle
 * table refuses, with currentState and allowedTransitions.
 * Returns the deal as it was before the move.
 */
export async function transitionDeal(tx: Tx, id: string, version: number, to: DealStage, data: Prisma.DealUpdateManyMutationInput = {}): Promise<Deal> {
  const deal = await tx.deal.findUnique({ where: { id } });
  if (!deal) throw new NotFoundException(`deal ${id} not found`);
  if (deal.version !== version) throw staleVersion('deal', id, deal.version);
  const from = stageOf(deal);
  if (!dealLifecycle.can(from, to)) throw invalidTransition(`deal ${id} cannot move from ${from} to ${to}`, from, dealLifecycle.allowed(from));
  // WHERE id AND version: a concurrent writer that committed first makes this match 0 rows.
  const { count } = await tx.deal.updateMany({ where: { id, version }, data: { ...data, stage: to, stageChangedAt: new Date(), version: { increment: 1 } } });
  if (count === 0) throw staleVersion('deal', id, (await tx.deal.findUniqueOrThrow({ where: { id } })).version);
  return deal;
}
