import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC exception handling turns any non-RpcException into
 * `{ status: 'error', message: 'Internal server error' }`, which would hide
 * from the transport whether a failure is permanent (a PermanentError, a
 * contract violation) or transient, and lose its message for the dead letter.
 * Registered on the consumer only, this filter hands the original error back.
 */
@Catch()
export class RethrowRpcExceptionsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
