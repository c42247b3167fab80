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

export type FailureKind = 'invalid-payload' | 'unknown-type' | 'permanent' | 'transient';

/**
 * Permanent: contract violations, decode errors, PermanentError, and Nest
 * validation (4xx-like) exceptions. Everything else (database down,
 * deadlock, timeout) is transient and retried with backoff.
 */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof ContractViolation) return error.kind === 'unknown-type' ? 'unknown-type' : 'invalid-payload';
  if (error instanceof PermanentError) return 'permanent';
  const status = (error as { status?: unknown; getStatus?: () => number })?.getStatus?.() ?? (error as { status?: unknown })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return 'permanent';
  return 'transient';
}
