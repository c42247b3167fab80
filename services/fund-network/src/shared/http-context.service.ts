import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { actorOf, type Principal } from '@tjc/auth';

/** Who did it and in which request: what every audit row of an HTTP write records. */
export interface Caller {
  readonly actor: string;
  readonly requestId?: string;
}

/** The Fastify request id (x-request-id when the caller sent one), for the audit trail. */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const id = ctx.switchToHttp().getRequest<{ id?: unknown }>().id;
  return typeof id === 'string' ? id : undefined;
});

export function callerOf(principal: Principal, requestId: string | undefined): Caller {
  return { actor: actorOf(principal), ...(requestId !== undefined && { requestId }) };
}
