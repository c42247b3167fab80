import { useEffect, useRef } from 'react';
import { Form } from 'antd';
import { untouchedFields } from './patch';

/**
 * Goes inside an edit form (an ActionModal's children). `values` is the
 * record as the form shows it; when it is replaced by a reloaded copy (after
 * a stale-version 409), the fields the user has not touched take the reloaded
 * values and the user's own edits stay, so "reload and retry" sends the
 * user's changes on top of the other person's. `values` must keep its
 * identity between renders unless the record changed (useMemo).
 */
export function RebaseOnReload({ values: shown }: { values: object }) {
  const values = shown as Readonly<Record<string, unknown>>;
  const form = Form.useFormInstance();
  const previous = useRef(values);
  useEffect(() => {
    const before = previous.current;
    if (before === values) return;
    previous.current = values;
    const current = Object.fromEntries(Object.keys(values).map((k) => [k, form.getFieldValue(k) as unknown]));
    form.setFields(untouchedFields(current, before, values).map((k) => ({ name: [k], value: values[k], errors: [] })));
  }, [values, form]);
  return null;
}
