import { ContractViolation } from '@tjc/contracts';

/**
 * A failure that retrying cannot fix (bad input, a broken invariant). The
 * message goes straight to the dead-letter topic.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** Thrown inside the consumer when work is abandoned for a rebalance or shutdown. */
export class AbandonedError extends Error {
  constructor() {
    super('abandoned: partition revoked or consumer stopping');
    this.name = 'AbandonedError';
  }
}

export const FAILURE_KINDS = ['invalid-payload', 'unknown-type', 'permanent', 'transient', 'unavailable'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/**
 * Failures that say the database (or the network to it) is not there, as
 * opposed to a handler failing while it answers: Prisma's "can't reach" /
 * "closed the connection" / pool-timeout codes, PostgreSQL's shutdown and
 * connection-failure SQLSTATEs, and socket errors. Checked along the cause
 * chain, because the pg adapter wraps the driver's error.
 */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1017', 'P2024', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);
const UNAVAILABLE_MESSAGES = /can't reach database server|connection terminated|server closed the connection|terminating connection due to administrator command|the database system is (starting up|shutting down)|connection refused|Connection timeout/i;

export function isUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 6) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errno?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return isUnavailable(e.cause, depth + 1);
}

/**
 * Permanent: contract violations, decode errors, PermanentError, and Nest
 * validation (4xx-like) exceptions. Unavailable: the database cannot be
 * reached — waited out without spending attempts, since no number of
 * attempts says anything about the event. Everything else (deadlock,
 * timeout, a bug that may pass) is transient and retried with backoff.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof ContractViolation) return error.kind === 'unknown-type' ? 'unknown-type' : 'invalid-payload';
  if (error instanceof PermanentError) return 'permanent';
  const status = (error as { status?: unknown; getStatus?: () => number })?.getStatus?.() ?? (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return 'permanent';
  if (isUnavailable(error)) return 'unavailable';
  return 'transient';
}
