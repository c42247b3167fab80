import { assertTransition } from '../common/state-machine';
import { assertUpdated, assertVersion, notFound } from '../common/concurrency';
import type { FundingApplication, Prisma } from '../generated/prisma/client';
import type { Tx } from '../prisma.service';
import { FundingApplicationStateMachine, type FundingApplicationStatus } from './funding-application.state-machine';
import { FUNDING_LABEL } from './funding-application.view';

/** 404 → 409 transition → 409 stale version → conditional update, in the caller's transaction. */
export async function transitionFundingApplication(
  tx: Tx,
  input: { id: string; version: number; to: FundingApplicationStatus; data: Omit<Prisma.FundingApplicationUpdateManyMutationInput, 'status' | 'version'> },
  check: (before: FundingApplication) => void = () => undefined,
): Promise<FundingApplication> {
  const before = await tx.fundingApplication.findUnique({ where: { id: input.id } });
  if (!before) throw notFound(FUNDING_LABEL, input.id);
  assertTransition(FundingApplicationStateMachine, before.status, input.to);
  assertVersion(FUNDING_LABEL, before.version, input.version);
  check(before);
  const { count } = await tx.fundingApplication.updateMany({
    where: { id: input.id, version: input.version },
    data: { ...input.data, status: input.to, version: { increment: 1 } },
  });
  assertUpdated(FUNDING_LABEL, count, input.version);
  return tx.fundingApplication.findUniqueOrThrow({ where: { id: input.id } });
}
