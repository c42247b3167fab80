import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormInstance } from 'antd';
import { fieldErrorsOfProblem, isApiError, mapFieldErrors, type ApiProblem } from '../api/errors';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ApiProblem };

export interface ApiFormState {
  readonly problem: ApiProblem | undefined;
  /** 400 errors on no field of the form. */
  readonly general: readonly string[];
  readonly submitting: boolean;
  clear(): void;
  /** Runs `call`; on a 400 (or a 404 naming a body field) puts the API's messages next to the fields, otherwise keeps the problem for <ProblemAlert>. */
  run<T>(call: () => Promise<T>): Promise<Outcome<T>>;
}

/**
 * @param known the form's field names, dotted (`institution.region`, `team`)
 * @param rename API path → form path where the form names a field differently
 * @param fallback the field that takes errors on no known field (see mapFieldErrors)
 */
export function useApiForm(form: FormInstance | undefined, known: readonly string[], rename: Readonly<Record<string, string>> = {}, fallback?: string): ApiFormState {
  // Read at the time of the answer: a form may change its fallback with its inputs (amend vs retract).
  const mapping = useRef({ known, rename, fallback });
  useEffect(() => {
    mapping.current = { known, rename, fallback };
  });
  const [problem, setProblem] = useState<ApiProblem>();
  const [general, setGeneral] = useState<readonly string[]>([]);
  const [submitting, setSubmitting] = useState(false);

  const clear = useCallback(() => {
    setProblem(undefined);
    setGeneral([]);
  }, []);

  const run = useCallback(
    async <T,>(call: () => Promise<T>): Promise<Outcome<T>> => {
      clear();
      setSubmitting(true);
      try {
        return { ok: true, value: await call() };
      } catch (error) {
        if (!isApiError(error)) throw error;
        const p = error.problem;
        setProblem(p);
        const fieldErrors = fieldErrorsOfProblem(p);
        if (fieldErrors.length > 0) {
          const { known: k, rename: r, fallback: f } = mapping.current;
          const mapped = mapFieldErrors(fieldErrors, k, r, f);
          form?.setFields(mapped.fields);
          setGeneral(mapped.general);
        }
        return { ok: false, problem: p };
      } finally {
        setSubmitting(false);
      }
    },
    // `known`, `rename` and `fallback` are read through the ref, so they are not dependencies.
    [form, clear],
  );

  return { problem, general, submitting, clear, run };
}
