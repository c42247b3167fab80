/**
 * What the services answer when they refuse a request, turned into something
 * a screen can show. The shapes are the platform's (packages/runtime
 * validation pipe and the services' http-errors):
 *   400 { errors: [{ path, rule, message }] }       field errors, shown next to the field
 *   409 { currentState, allowedTransitions }        state-machine refusals
 *   409 { currentVersion }                          someone else changed the record
 *   403                                             not this user's network: read-only
 *   404 { message, path? }                          `path` names the body field whose id is unknown
 */
export interface FieldError {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

/** A transition as the research service lists it; other services list target states as strings. */
export type AllowedTransition = string | { readonly action: string; readonly to: string; readonly via?: string };

export type ApiProblem =
  | { readonly kind: 'validation'; readonly status: 400; readonly message: string; readonly fieldErrors: readonly FieldError[] }
  | { readonly kind: 'unauthenticated'; readonly status: 401; readonly message: string }
  | { readonly kind: 'forbidden'; readonly status: 403; readonly message: string }
  | { readonly kind: 'not-found'; readonly status: 404; readonly message: string; readonly path?: string }
  | { readonly kind: 'state-conflict'; readonly status: 409; readonly message: string; readonly currentState: string; readonly allowedTransitions: readonly AllowedTransition[] }
  | { readonly kind: 'stale-version'; readonly status: 409; readonly message: string; readonly currentVersion: number }
  | { readonly kind: 'conflict'; readonly status: 409; readonly message: string; readonly fieldErrors: readonly FieldError[] }
  | { readonly kind: 'unavailable'; readonly status: number; readonly message: string }
  | { readonly kind: 'other'; readonly status: number; readonly message: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function messageOf(body: unknown, fallback: string): string {
  if (isRecord(body)) {
    const m = body['message'];
    if (typeof m === 'string' && m.length > 0) return m;
    if (Array.isArray(m)) return m.map(String).join('; ');
  }
  if (typeof body === 'string' && body.length > 0 && body.length < 500) return body;
  return fallback;
}

function fieldErrorsOf(body: unknown): FieldError[] {
  if (!isRecord(body) || !Array.isArray(body['errors'])) return [];
  return body['errors'].flatMap((e): FieldError[] =>
    isRecord(e) && typeof e['message'] === 'string'
      ? [{ path: typeof e['path'] === 'string' ? e['path'] : '', rule: typeof e['rule'] === 'string' ? e['rule'] : 'invalid', message: e['message'] }]
      : [],
  );
}

/** Classifies an error answer by status and body. */
export function toProblem(status: number, body: unknown): ApiProblem {
  const message = messageOf(body, `HTTP ${status}`);
  switch (status) {
    case 400:
      return { kind: 'validation', status, message, fieldErrors: fieldErrorsOf(body) };
    case 401:
      return { kind: 'unauthenticated', status, message };
    case 403:
      return { kind: 'forbidden', status, message };
    case 404:
      // An unknown id that came from the body (e.g. `leadEnterpriseId`) belongs next to that field.
      return isRecord(body) && typeof body['path'] === 'string' && body['path'].length > 0 ? { kind: 'not-found', status, message, path: body['path'] } : { kind: 'not-found', status, message };
    case 409: {
      if (isRecord(body) && typeof body['currentState'] === 'string') {
        const allowed = Array.isArray(body['allowedTransitions']) ? (body['allowedTransitions'] as AllowedTransition[]) : [];
        return { kind: 'state-conflict', status, message, currentState: body['currentState'], allowedTransitions: allowed };
      }
      if (isRecord(body) && typeof body['currentVersion'] === 'number') return { kind: 'stale-version', status, message, currentVersion: body['currentVersion'] };
      // A duplicate (name, id) names its field like a 400 does.
      return { kind: 'conflict', status, message, fieldErrors: fieldErrorsOf(body) };
    }
    case 502:
    case 503:
    case 504:
      return { kind: 'unavailable', status, message };
    default:
      return { kind: 'other', status, message };
  }
}

/** The field errors a refusal carries: a 400's or a duplicate's 409 list, or a 404's unknown id from the body as one error on its field. */
export function fieldErrorsOfProblem(problem: ApiProblem): readonly FieldError[] {
  if (problem.kind === 'validation' || problem.kind === 'conflict') return problem.fieldErrors;
  if (problem.kind === 'not-found' && problem.path !== undefined) return [{ path: problem.path, rule: 'not_found', message: problem.message }];
  return [];
}

/** Thrown by the API client for every non-2xx answer. */
export class ApiError extends Error {
  constructor(
    readonly problem: ApiProblem,
    readonly request: string,
  ) {
    super(problem.message);
    this.name = 'ApiError';
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** An antd form field name: `institution.region` → ['institution', 'region'], `expertIds.2` → ['expertIds', 2]. */
export type FieldName = (string | number)[];

export function toFieldName(path: string): FieldName {
  return path
    .split('.')
    .filter((s) => s.length > 0)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface FormFieldErrors {
  /** For `form.setFields`: one entry per field, all its messages. */
  readonly fields: { name: FieldName; errors: string[] }[];
  /** Errors on no known field (the whole body, or a field the form does not show): shown above the form. */
  readonly general: string[];
}

/**
 * Maps the API's field errors onto a form's fields. `known` lists the form's
 * field names (dotted); an error on a field the form does not show is
 * attached to its nearest shown ancestor (`team.0.name` → `team` when only
 * `team` is a field), else listed as general.
 * A `*` in a known name stands for a list index (`team.*.name`).
 * `rename` maps API paths onto form paths where they differ (e.g. a form
 * that edits `budget.min.amount` as `budgetMin`).
 * `fallback` names the field that takes errors on no known field instead of
 * the general list, with their path in front (a JSON field edited as text,
 * whose inner paths the form cannot show one by one).
 */
export function mapFieldErrors(errors: readonly FieldError[], known: readonly string[], rename: Readonly<Record<string, string>> = {}, fallback?: string): FormFieldErrors {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  const matches = (candidate: string) => known.some((k) => sameField(candidate, k));
  for (const e of errors) {
    const path = renamePath(e.path, rename);
    let target: string | undefined;
    const segments = path.split('.').filter((s) => s.length > 0);
    for (let n = segments.length; n > 0; n--) {
      const candidate = segments.slice(0, n).join('.');
      if (matches(candidate)) {
        target = candidate;
        break;
      }
    }
    const message = target === undefined && fallback !== undefined && e.path ? `${e.path}: ${e.message}` : e.message;
    target ??= fallback;
    if (target === undefined) {
      general.push(e.path ? `${e.path}: ${e.message}` : e.message);
      continue;
    }
    const list = byField.get(target) ?? [];
    list.push(message);
    byField.set(target, list);
  }
  return { fields: [...byField].map(([name, errs]) => ({ name: toFieldName(name), errors: errs })), general };
}

/** `team.0.name` is the field `team.*.name`: a `*` segment matches any list index. */
function sameField(path: string, known: string): boolean {
  const a = path.split('.');
  const b = known.split('.');
  return a.length === b.length && b.every((seg, i) => seg === a[i] || (seg === '*' && /^\d+$/.test(a[i] ?? '')));
}

function renamePath(path: string, rename: Readonly<Record<string, string>>): string {
  // Longest prefix first, so `budget.min` wins over `budget`.
  const prefixes = Object.keys(rename).sort((a, b) => b.length - a.length);
  for (const p of prefixes) {
    if (path === p || path.startsWith(`${p}.`)) return `${rename[p]}${path.slice(p.length)}`;
  }
  return path;
}

/** The names of the transitions a 409 says are possible now, whatever the service's shape. */
export function transitionTargets(allowed: readonly AllowedTransition[]): string[] {
  return allowed.map((t) => (typeof t === 'string' ? t : t.to));
}
