import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { actorOf, canWriteNetwork, type Principal } from '@tjc/auth';

/**
 * Who is writing and from which request: everything a command handler needs
 * for the audit trail. Built once per request so handlers never reach into
 * HTTP objects.
 */
export interface WriteContext {
  readonly principal: Principal;
  /** How the caller is named in audit rows, e.g. `zhang.wei@research`. */
  readonly actor: string;
  /** The HTTP request id (x-request-id or generated), linking audit rows to logs and traces. */
  readonly requestId?: string;
}

interface RequestWithPrincipal {
  readonly id?: string;
  readonly principal?: Principal;
}

export function writeContextOf(principal: Principal, requestId: string | undefined): WriteContext {
  return { principal, actor: actorOf(principal), ...(requestId !== undefined && { requestId }) };
}

/** `@Writer() ctx: WriteContext` — the guard has already verified the principal. */
export const Writer = createParamDecorator((_data: unknown, ctx: ExecutionContext): WriteContext => {
  const request = ctx.switchToHttp().getRequest<RequestWithPrincipal>();
  if (!request.principal) throw new Error('Writer used on a route without an authenticated principal');
  return writeContextOf(request.principal, request.id);
});

/** `@Reader() who: Principal` on reads whose answer depends on the caller (confidential detail). */
export const Reader = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<RequestWithPrincipal>().principal;
  if (!principal) throw new Error('Reader used on a route without an authenticated principal');
  return principal;
});

/**
 * Confidential project detail is for the research network's own staff and
 * center admins only: exactly those who may change its records.
 */
export function maySeeConfidential(principal: Principal): boolean {
  return canWriteNetwork(principal, 'research');
}
