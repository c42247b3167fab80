import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/**
 * The request id (Fastify's `request.id`, taken from `x-request-id` when the
 * caller sends one) for the audit trail: which request changed a record.
 */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | undefined => {
  const id = ctx.switchToHttp().getRequest<{ id?: unknown }>().id;
  return typeof id === 'string' ? id : undefined;
});
