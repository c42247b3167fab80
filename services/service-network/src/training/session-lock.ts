import { ConflictException } from '@nestjs/common';
import { notFound } from '../common/concurrency';
import { allowedTransitions } from '../common/state-machine';
import type { Tx } from '../prisma.service';
import { SESSION_INCLUDE, SESSION_LABEL, type SessionRow } from './training.view';
import { TrainingSessionStateMachine, type TrainingSessionStatus } from './training-session.state-machine';

/**
 * Locks the session row for the rest of the transaction and returns it.
 * Enrolments and completions of one session are serialised through this lock,
 * so two coordinators recording the same completion at once cannot both see
 * it as new (and emit it twice), and capacity cannot be overbooked.
 */
export async function lockSession(tx: Tx, sessionId: string): Promise<SessionRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM training_session WHERE id = ${sessionId} FOR UPDATE`;
  if (locked.length === 0) throw notFound(SESSION_LABEL, sessionId);
  return tx.trainingSession.findUniqueOrThrow({ where: { id: sessionId }, include: SESSION_INCLUDE });
}

/** 409 when the session is not in a state that allows `what`. */
export function assertSessionIn(session: SessionRow, statuses: readonly TrainingSessionStatus[], what: string): void {
  if ((statuses as readonly string[]).includes(session.status)) return;
  const label = TrainingSessionStateMachine.states[session.status as TrainingSessionStatus] ?? session.status;
  throw new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `培训班次当前为「${label}」，不能${what}`,
    currentState: session.status,
    allowedTransitions: allowedTransitions(TrainingSessionStateMachine, session.status),
  });
}
