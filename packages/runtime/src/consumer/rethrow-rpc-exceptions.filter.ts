import { ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError } from 'rxjs';

/**
 * Nest's default RPC exception handling turns any non-RpcException into
 * `{ status: 'error', message: 'Internal server error' }`, which would hide
 * from the transport whether a failure is permanent (a PermanentError, a
 * contract violation) or transient, and lose its message for the dead letter.
 * For event handlers this filter hands the original error back to the
 * transport; HTTP errors keep Nest's normal handling.
 */
@Catch()
export class RethrowRpcExceptionsFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
