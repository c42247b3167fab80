import { BadRequestException, ConflictException, NotFoundException } from '@nestjs/common';
import type { FieldError } from '@tjc/runtime';
import type { StateMachine } from './state-machine';

/**
 * The service's error bodies, one shape per status, so a UI handles every
 * endpoint alike:
 *  - 400 `{ errors: [{ path, rule, message }] }` like the validation pipe,
 *    also for rules that need the database (e.g. the lead enterprise must be
 *    a Tianjin enterprise);
 *  - 404 `{ message, path? }`: `path` names the body field when the unknown id
 *    came from the body rather than the URL;
 *  - 409 `{ message, currentState, allowedTransitions }` for a refused
 *    transition, `{ message, currentVersion }` for a stale version, and
 *    `{ message, errors: [{ path, rule: 'unique', message }] }` for a value
 *    another record already holds (a duplicate name), named like a 400's field.
 */
export function fieldError(path: string, rule: string, message: string): BadRequestException {
  const errors: FieldError[] = [{ path, rule, message }];
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `${path}: ${message}`, errors });
}

export function notFound(what: string, id: string, path?: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message: `${what} ${id} 不存在 / ${what} ${id} not found`, ...(path !== undefined && { path }) });
}

export function staleVersion(what: string, id: string, currentVersion: number): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `${what} ${id} 已被他人修改，请刷新后重试 / ${what} ${id} was changed meanwhile (version ${currentVersion}); reload and retry`,
    currentVersion,
  });
}

export function conflict(message: string, extra: Record<string, unknown> = {}): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message, ...extra });
}

/** 409 for values other records already hold, each field named as a 400 names it. */
export function duplicate(message: string, fields: readonly { readonly path: string; readonly message: string }[], extra: Record<string, unknown> = {}): ConflictException {
  const errors: FieldError[] = fields.map((f) => ({ path: f.path, rule: 'unique', message: f.message }));
  return conflict(message, { ...extra, errors });
}

/** Applies a transition or throws 409 with the current state and what is allowed from it. */
export function transitionOrConflict<S extends string, A extends string>(machine: StateMachine<S, A>, what: string, id: string, state: S, action: A): S {
  const result = machine.transition(state, action);
  if (result.ok) return result.to;
  throw new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message: `${what} ${id} 当前状态为 ${state}，不能执行 ${action} / cannot ${action} a ${machine.name} in state ${state}`,
    currentState: result.currentState,
    allowedTransitions: result.allowedTransitions,
  });
}

/** Checks the version a client sent against the stored one (before any change). */
export function assertVersion(what: string, id: string, stored: number, sent: number): void {
  if (stored !== sent) throw staleVersion(what, id, stored);
}
