import { ArgumentsHost, Catch, ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Logger } from 'pino';
import { throwError } from 'rxjs';
import { appendAudit } from '../audit/audit-log';
import type { TransactionalDb } from '../db/sql';
import { isPoolExhausted, isTransactionTimeout, Overloaded } from '../http/overload';
import { concurrentChangeConflict, conflictOfUniqueViolation, isConcurrentChangeFailure, UniqueIndexColumns, uniqueViolationOf } from '../http/unique-conflict';
import { clipText } from '../text/storable-text';
import type { RuntimeMetrics } from '../telemetry/metrics';

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
 * HTTP: Nest's normal answers, but a unique violation no slice caught is a
 * 409 naming the field and a transaction aborted by a concurrent one is a 409
 * that says to retry (http/unique-conflict.ts), and a 401 or 403 — from the guard or from a
 * handler's own ownership check — is first appended to the audit log
 * (`access.denied`), so admins can see who tried what. The answer waits for
 * the record: a denial the log lost would be invisible.
 */
@Catch()
export class RethrowRpcExceptionsFilter extends BaseExceptionFilter {
  private denials: DenialAudit | undefined;
  private metrics: RuntimeMetrics | undefined;

  private anonymous: AnonymousDenials | undefined;
  private uniqueColumns: UniqueIndexColumns | undefined;

  /** Turns on the auditing of denials (startService does, once the database is known). */
  auditDenials(denials: DenialAudit): this {
    this.denials = denials;
    this.anonymous = new AnonymousDenials(denials);
    this.uniqueColumns = new UniqueIndexColumns(denials.db);
    return this;
  }

  /** Writes the open windows of anonymous denials (at shutdown). */
  async flushDenials(): Promise<void> {
    await this.anonymous?.flush();
  }

  /** Counts the requests answered 503 for overload (tjc_http_overloaded_total). */
  countOverload(metrics: RuntimeMetrics): this {
    this.metrics = metrics;
    return this;
  }

  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return throwError(() => exception);
    // A pool with no connection to give is overload, not a server error: 503 with Retry-After, like admission control's.
    if (isPoolExhausted(exception)) exception = new Overloaded('database-pool', 1);
    // A transaction that ran out of time behind others was rolled back: the same answer, so the client retries.
    else if (isTransactionTimeout(exception)) exception = new Overloaded('transaction-timeout', 1);
    if (exception instanceof Overloaded && host.getType() === 'http') {
      host.switchToHttp().getResponse<{ header(name: string, value: string): unknown }>().header('retry-after', String(exception.retryAfterS));
      this.metrics?.httpOverloaded.inc({ reason: exception.reason });
    }
    if (host.getType() === 'http' && isConcurrentChangeFailure(exception)) exception = concurrentChangeConflict();
    const violation = host.getType() === 'http' ? uniqueViolationOf(exception) : undefined;
    if (violation) {
      void conflictOfUniqueViolation(violation, this.uniqueColumns).then((conflict) => super.catch(conflict, host));
      return;
    }
    const denials = this.denials;
    if (denials && host.getType() === 'http' && (exception instanceof UnauthorizedException || exception instanceof ForbiddenException)) {
      // Nest's router has already handed Fastify the reply object, so answering after the write is fine.
      void recordDenial(denials, this.anonymous!, host.switchToHttp().getRequest<DeniedRequest>(), exception).then(() => super.catch(exception, host));
      return;
    }
    return super.catch(exception, host);
  }
}

/** How long anonymous denials are counted together before their summary record is written. */
export const ANONYMOUS_WINDOW_MS = 10_000;

interface Window {
  readonly startedAt: Date;
  count: number;
  readonly byStatus: Map<number, number>;
  readonly byIp: Map<string, number>;
}

/**
 * Anonymous denials (no principal: no or a bad token) would let anyone grow
 * the log at will, one serialised append each. Per route, the first one of a
 * window is written in full; the window then counts (status, top IPs) and
 * one `access.denied.summary` record is appended when it closes — every
 * denial counted, in the same hash chain. A crash loses at most the counts
 * of the open windows (ANONYMOUS_WINDOW_MS); rate limits bound the rest.
 */
export class AnonymousDenials {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly denials: DenialAudit) {}

  /** True when this denial opens a window (write it in full); false when it was counted into one. */
  count(route: string, status: number, ip: string | undefined): boolean {
    const open = this.windows.get(route);
    if (open) {
      open.count++;
      open.byStatus.set(status, (open.byStatus.get(status) ?? 0) + 1);
      if (ip !== undefined && (open.byIp.has(ip) || open.byIp.size < 100)) open.byIp.set(ip, (open.byIp.get(ip) ?? 0) + 1);
      return false;
    }
    this.windows.set(route, { startedAt: new Date(), count: 0, byStatus: new Map(), byIp: new Map() });
    this.timer ??= setTimeout(() => void this.flush(), ANONYMOUS_WINDOW_MS);
    this.timer.unref();
    return true;
  }

  /** Appends a summary for every window with counted denials and closes them all. */
  async flush(): Promise<void> {
    this.timer = undefined;
    const closing = [...this.windows];
    this.windows.clear();
    for (const [route, w] of closing) {
      if (w.count === 0) continue;
      const topIps = [...w.byIp].sort((a, b) => b[1] - a[1]).slice(0, 10);
      await append(this.denials, {
        actor: 'anonymous',
        action: 'access.denied.summary',
        entityType: 'http-route',
        entityId: route,
        detail: { count: w.count, from: w.startedAt.toISOString(), to: new Date().toISOString(), byStatus: Object.fromEntries(w.byStatus), topIps: Object.fromEntries(topIps) },
      });
    }
  }
}

async function append(denials: DenialAudit, entry: Parameters<typeof appendAudit>[1]): Promise<boolean> {
  try {
    await denials.db.$transaction((tx) => appendAudit(tx, entry));
    return true;
  } catch (error) {
    denials.logger.error({ err: error, route: entry.entityId }, 'could not append a denied request to the audit log');
    return false;
  }
}

async function recordDenial(denials: DenialAudit, anonymous: AnonymousDenials, req: DeniedRequest, exception: UnauthorizedException | ForbiddenException): Promise<void> {
  const who = req.principal;
  const status = exception.getStatus();
  const route = clipText(`${req.method ?? '?'} ${req.routeOptions?.url ?? req.url?.split('?')[0] ?? '?'}`, 200);
  if (!who && !anonymous.count(route, status, req.ip)) return;
  const full = await append(denials, {
    actor: who ? `${who.sub}${who.network ? `@${who.network}` : ''}` : 'anonymous',
    action: 'access.denied',
    entityType: 'http-route',
    entityId: route,
    ...(req.id !== undefined && { requestId: req.id }),
    detail: {
      status,
      // The refusal's own words (the guard names the rule broken, never the token's claims), cut by code point.
      reason: clipText(exception.message, 300),
      path: clipText(req.url ?? '', 500),
      ...(req.ip !== undefined && { ip: req.ip }),
      ...(who?.roles && { roles: [...who.roles] }),
    },
  });
  // Whatever made the full record fail, the denial is not lost: a minimal one (status, route, time).
  if (!full) await append(denials, { actor: 'unknown', action: 'access.denied', entityType: 'http-route', entityId: route, detail: { status, minimal: true, at: new Date().toISOString() } });
}
