import { assertTransition } from '../common/state-machine';
import { assertUpdated, assertVersion } from '../common/concurrency';
import type { Tx } from '../prisma.service';
import { lockSession } from './session-lock';
import { enrolmentCounts, SESSION_LABEL, toSessionView, type SessionView } from './training.view';
import { TrainingSessionStateMachine, type TrainingSessionStatus } from './training-session.state-machine';

/** 404 → 409 transition → 409 stale version → conditional update; returns the new view. */
export async function transitionSession(tx: Tx, input: { id: string; version: number; to: TrainingSessionStatus }): Promise<{ from: string; view: SessionView }> {
  const before = await lockSession(tx, input.id);
  assertTransition(TrainingSessionStateMachine, before.status, input.to);
  assertVersion(SESSION_LABEL, before.version, input.version);
  const { count } = await tx.trainingSession.updateMany({ where: { id: input.id, version: input.version }, data: { status: input.to, version: { increment: 1 } } });
  assertUpdated(SESSION_LABEL, count, input.version);
  const after = await tx.trainingSession.findUniqueOrThrow({ where: { id: input.id }, include: { course: true } });
  const counts = await enrolmentCounts(tx, [input.id]);
  return { from: before.status, view: toSessionView(after, counts.get(input.id)!) };
}
