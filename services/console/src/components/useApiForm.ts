import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { isApiError, mapFieldErrors, type ApiProblem } from '../api/errors';

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ApiProblem };

export interface ApiFormState {
  readonly problem: ApiProblem | undefined;
  /** 400 errors on no field of the form. */
  readonly general: readonly string[];
  readonly submitting: boolean;
  clear(): void;
  /** Runs `call`; on a 400 puts the API's messages next to the fields, otherwise keeps the problem for <ProblemAlert>. */
  run<T>(call: () => Promise<T>): Promise<Outcome<T>>;
}

/**
 * @param known the form's field names, dotted (`institution.region`, `team`)
 * @param rename API path → form path where the form names a field differently
 */
export function useApiForm(form: FormInstance | undefined, known: readonly string[], rename: Readonly<Record<string, string>> = {}): ApiFormState {
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
        if (p.kind === 'validation') {
          const mapped = mapFieldErrors(p.fieldErrors, known, rename);
          form?.setFields(mapped.fields);
          setGeneral(mapped.general);
        }
        return { ok: false, problem: p };
      } finally {
        setSubmitting(false);
      }
    },
    // `known` and `rename` are constant per form, so they are not dependencies.
    [form, clear],
  );

  return { problem, general, submitting, clear, run };
}
