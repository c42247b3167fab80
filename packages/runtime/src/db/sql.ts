/**
 * The slice of a Prisma client the runtime needs. Every generated Prisma
 * client (and its interactive-transaction client) satisfies it structurally,
 * so the runtime works with each service's own client without depending on
 * any one generated schema.
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

export interface TransactionOptions {
  readonly maxWait?: number;
  readonly timeout?: number;
  readonly isolationLevel?: 'ReadCommitted' | 'RepeatableRead' | 'Serializable';
}

export interface TransactionalDb<Tx extends SqlExecutor = SqlExecutor> extends SqlExecutor {
  $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: TransactionOptions): Promise<R>;
}

/** DI token under which a service provides its Prisma client to the runtime. */
export const RUNTIME_DB = Symbol('RUNTIME_DB');

/**
 * Prisma's "unique constraint failed" (P2002): two writers raced for one
 * unique value; a service answers 409, not 500.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
