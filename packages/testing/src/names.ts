import { randomBytes } from 'node:crypto';

/**
 * Unique names per test, so tests never share a topic, a consumer group, a
 * database or a Redis key space, and can run against a shared broker.
 * Database names stay within PostgreSQL's 63-byte identifier limit.
 */
export function uniqueName(prefix: string): string {
  const worker = process.env['JEST_WORKER_ID'] ?? '0';
  return `${prefix}_w${worker}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_.-]/g, '_');
}

export const uniqueTopic = (prefix = 'test') => uniqueName(`t.${prefix}`);
export const uniqueGroup = (prefix = 'test') => uniqueName(`g.${prefix}`);
export const redisPrefix = (prefix = 'test') => `${uniqueName(prefix)}:`;
