import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, SetMetadata, UnauthorizedException, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Network } from '@tjc/contracts';
import { canWriteNetwork, type Principal, type Role } from './principal';
import { AuthenticationError, TokenVerifier } from './token-verifier';

export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

export interface AuthGuardOptions {
  /** The network whose records this service owns; writes need its coordinator (or a center admin). */
  readonly network?: Network;
}

const PUBLIC = 'tjc:auth:public';
const ROLES = 'tjc:auth:roles';
const READ_ONLY = 'tjc:auth:read-only';

/** No token needed (health, metrics, API docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the route (e.g. ops endpoints). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
/** A POST/PUT that changes nothing (a search), open to every signed-in role. */
export const ReadOnly = () => SetMetadata(READ_ONLY, true);

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  principal?: Principal;
}

/** The verified caller, for handlers: `@CurrentPrincipal() who: Principal`. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new UnauthorizedException('not authenticated');
  return principal;
});

/**
 * The one guard of every HTTP API:
 *  1. a valid bearer token is required (401 otherwise) unless @Public();
 *  2. @Roles(...) restricts a route to those roles (403);
 *  3. otherwise reads are open to every authenticated role, and writes
 *     (POST/PUT/PATCH/DELETE) need the coordinator of THIS service's network
 *     or a center admin (403 for another network's coordinator, readers, ops).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
    @Inject(AUTH_OPTIONS) private readonly options: AuthGuardOptions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['authorization'];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) throw new UnauthorizedException('missing bearer token');
    try {
      request.principal = await this.verifier.verify(token);
    } catch (error) {
      throw new UnauthorizedException(error instanceof AuthenticationError ? `invalid token: ${error.message}` : 'invalid token');
    }
    const principal = request.principal;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
    if (roles) {
      if (!principal.roles.some((r) => roles.includes(r))) throw new ForbiddenException(`requires one of the roles: ${roles.join(', ')}`);
      return true;
    }
    const isWrite = !['GET', 'HEAD', 'OPTIONS'].includes(request.method.toUpperCase()) && !this.reflector.getAllAndOverride<boolean>(READ_ONLY, targets);
    if (!isWrite) return true;
    const network = this.options.network;
    if (network === undefined) {
      if (principal.roles.includes('center-admin')) return true;
      throw new ForbiddenException('only a center admin may change records here');
    }
    if (!canWriteNetwork(principal, network)) {
      throw new ForbiddenException(`only coordinators of the ${network} network (or a center admin) may change its records`);
    }
    return true;
  }
}
