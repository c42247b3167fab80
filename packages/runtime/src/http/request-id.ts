import { randomUUID } from 'node:crypto';

/**
 * What a client's `x-request-id` must look like to become the request's id:
 * 1–64 characters of letters, digits and `._:-` (a UUID, a ULID, a W3C trace
 * id, `partner-batch-42`). Anything else (too long, other characters, the
 * header sent twice) is replaced by a server-made UUID and never stored:
 * the id lands in logs and audit rows, and a client's text there must be
 * short and plain (issue #18.7: 6,052 characters were stored verbatim).
 */
export const CLIENT_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function requestIdFrom(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}
