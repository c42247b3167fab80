import { assertTransition } from '../common/state-machine';
import { assertUpdated, assertVersion, notFound } from '../common/concurrency';
import type { Prisma } from '../generated/prisma/client';
import type { Tx } from '../prisma.service';
import { TRANSFER_INCLUDE, type TransferRow } from './transfer.view';
import { TransferStateMachine, type TransferStatus } from './transfer.state-machine';

export const TRANSFER_LABEL = '成果转化项目';

/**
 * The shared step of every transfer transition, inside the caller's
 * transaction: 404 for an unknown id, 409 for a transition the lifecycle
 * refuses (checked before the version, so the coordinator learns the real
 * reason), 409 for a stale version, then a conditional update that also
 * catches a concurrent commit between our read and our write.
 */
export async function transitionTransfer(
  tx: Tx,
  input: { id: string; version: number; to: TransferStatus; data: Omit<Prisma.TransferUpdateManyMutationInput, 'status' | 'version'> },
): Promise<{ before: TransferRow; after: TransferRow }> {
  const before = await tx.transfer.findUnique({ where: { id: input.id }, include: TRANSFER_INCLUDE });
  if (!before) throw notFound(TRANSFER_LABEL, input.id);
  assertTransition(TransferStateMachine, before.status, input.to);
  assertVersion(TRANSFER_LABEL, before.version, input.version);
  const { count } = await tx.transfer.updateMany({
    where: { id: input.id, version: input.version },
    data: { ...input.data, status: input.to, version: { increment: 1 } },
  });
  assertUpdated(TRANSFER_LABEL, count, input.version);
  const after = await tx.transfer.findUniqueOrThrow({ where: { id: input.id }, include: TRANSFER_INCLUDE });
  return { before, after };
}
