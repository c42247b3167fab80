import { ArgumentsHost, Catch, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Logger } from 'pino';
import { throwError } from 'rxjs';
import { appendAudit } from '../audit/audit-log';
import type { TransactionalDb } from '../db/sql';

interface DeniedRequest {
  readonly id?: string;
  readonly method?: string;
  readonly url?: string;
  readonly ip?: string;
  readonly routeOptions?: { readonly url?: string };
  readonly principal?: { readonly sub: string; readonly network?: string; readonly roles?: readonly string[] };
}

/** Where denied requests are recorded: the service's hash-chained audit log. */
export interface DenialAudit {
  readonly db: TransactionalDb;
  readonly logger: Logger;
}

/**
 * The platform's one exception filter.
 *
 * Event handlers: Nest's default RPC handling turns any non-RpcException into
 * `{ status: 'error', message: 'Internal server error' }`, which would hide
 * from the transport whether a failure is permanent (a PermanentError, a
 * contract violation) or transient, and lose its message for the dead letter;
 * so the original error goes back to the transport.
 *
 * HTTP: Nest's normal answers, but a 401 or 403 — from the guard or from a
 * handler's own ownership check — is first appended to the audit log
 * (`access.denied`), so admins can see who tried what. The answer waits for
 * the record: a denial the log lost would be invisible.
 */
@Catch()
export class RethrowRpcExceptionsFilter extends BaseExceptionFilter {
  private denials: DenialAudit | undefined;

  /** Turns on the auditing of denials (startService does, once the database is known). */
  auditDenials(denials: DenialAudit): this {
    this.denials = denials;
    return this;
  }

  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return throwError(() => exception);
    const denials = this.denials;
    if (denials && host.getType() === 'http' && (exception instanceof UnauthorizedException || exception instanceof ForbiddenException)) {
      // Nest's router has already handed Fastify the reply object, so answering after the write is fine.
      void recordDenial(denials, host.switchToHttp().getRequest<DeniedRequest>(), exception).then(() => super.catch(exception, host));
      return;
    }
    return super.catch(exception, host);
  }
}

async function recordDenial(denials: DenialAudit, req: DeniedRequest, exception: UnauthorizedException | ForbiddenException): Promise<void> {
  const who = req.principal;
  const route = `${req.method ?? '?'} ${req.routeOptions?.url ?? req.url?.split('?')[0] ?? '?'}`;
  try {
    await denials.db.$transaction((tx) =>
      appendAudit(tx, {
        actor: who ? `${who.sub}${who.network ? `@${who.network}` : ''}` : 'anonymous',
        action: 'access.denied',
        entityType: 'http-route',
        entityId: route.slice(0, 200),
        ...(req.id !== undefined && { requestId: req.id }),
        detail: {
          status: exception.getStatus(),
          reason: exception.message.slice(0, 500),
          path: (req.url ?? '').slice(0, 500),
          ...(req.ip !== undefined && { ip: req.ip }),
          ...(who?.roles && { roles: [...who.roles] }),
        },
      }),
    );
  } catch (error) {
    // The answer still goes out; the failure is logged loudly instead.
    denials.logger.error({ err: error, route }, 'could not append a denied request to the audit log');
  }
}
