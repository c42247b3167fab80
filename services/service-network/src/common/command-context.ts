import { actorOf, type Principal } from '@tjc/auth';

/** Who asked for a change and under which request id: what the audit log records. */
export interface CommandContext {
  readonly actor: string;
  readonly requestId?: string;
}

/** Fastify gives every request an id (x-request-id when the caller sent one). */
export function commandContext(principal: Principal, request: { id?: string }): CommandContext {
  return { actor: actorOf(principal), ...(request.id !== undefined && { requestId: request.id }) };
}
