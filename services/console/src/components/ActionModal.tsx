import type { ReactNode } from 'react';
import { Form, Modal } from 'antd';
import { ProblemAlert } from './ProblemAlert';
import { useApiForm } from './useApiForm';

/**
 * A modal form for one command on a record: the API's field errors go next
 * to the fields, 403/409 show as <ProblemAlert>, and after a 409 the caller
 * reloads (the record moved on).
 */
export function ActionModal<V extends object, R>({
  title,
  known,
  rename,
  fallbackField,
  initialValues,
  submit,
  onDone,
  onCancel,
  onConflict,
  okText,
  danger,
  testId,
  stateLabel,
  width,
  children,
}: {
  title: ReactNode;
  known: readonly string[];
  rename?: Readonly<Record<string, string>>;
  /** The field that shows the API's errors on no known field (see mapFieldErrors). */
  fallbackField?: string;
  initialValues?: Partial<V>;
  submit: (values: V) => Promise<R>;
  onDone: (result: R) => void;
  onCancel: () => void;
  onConflict?: () => void;
  okText?: string;
  danger?: boolean;
  testId?: string;
  stateLabel?: (s: string) => string;
  width?: number;
  children: ReactNode;
}) {
  const [form] = Form.useForm<V>();
  const state = useApiForm(form, known, rename ?? {}, fallbackField);
  return (
    <Modal
      open
      title={title}
      width={width ?? 560}
      onCancel={onCancel}
      onOk={() => form.submit()}
      destroyOnHidden
      {...(okText !== undefined && { okText })}
      okButtonProps={{ loading: state.submitting, ...(danger !== undefined && { danger }), ...(testId !== undefined && { 'data-testid': `${testId}-ok` }) }}
    >
      <div style={{ marginBottom: state.problem ? 12 : 0 }}>
        <ProblemAlert problem={state.problem} general={state.general} {...(stateLabel !== undefined && { stateLabel })} />
      </div>
      <Form<V>
        form={form}
        layout="vertical"
        {...(initialValues !== undefined && { initialValues })}
        onFinish={async (values) => {
          const outcome = await state.run(() => submit(values));
          if (outcome.ok) onDone(outcome.value);
          else if (outcome.problem.status === 409) onConflict?.();
        }}
      >
        {children}
      </Form>
    </Modal>
  );
}
