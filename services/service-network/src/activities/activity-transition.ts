import { assertTransition } from '../common/state-machine';
import { assertUpdated, assertVersion, notFound } from '../common/concurrency';
import type { Activity, Prisma } from '../generated/prisma/client';
import type { Tx } from '../prisma.service';
import { ActivityStateMachine, type ActivityStatus } from './activity.state-machine';
import { ACTIVITY_LABEL } from './activity.view';

/** 404 → 409 transition → 409 stale version → conditional update, in the caller's transaction. */
export async function transitionActivity(
  tx: Tx,
  input: { id: string; version: number; to: ActivityStatus; data: Omit<Prisma.ActivityUpdateManyMutationInput, 'status' | 'version'> },
): Promise<Activity> {
  const before = await tx.activity.findUnique({ where: { id: input.id } });
  if (!before) throw notFound(ACTIVITY_LABEL, input.id);
  assertTransition(ActivityStateMachine, before.status, input.to);
  assertVersion(ACTIVITY_LABEL, before.version, input.version);
  const { count } = await tx.activity.updateMany({ where: { id: input.id, version: input.version }, data: { ...input.data, status: input.to, version: { increment: 1 } } });
  assertUpdated(ACTIVITY_LABEL, count, input.version);
  return tx.activity.findUniqueOrThrow({ where: { id: input.id } });
}
