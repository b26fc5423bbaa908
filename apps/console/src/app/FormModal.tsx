// A modal whose body is a form: Enter submits, the OK button is the form's submit button, the
// server's error is shown at the top and the form lives as long as the modal (callers mount it only while open).
import { Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { applyFieldErrors, ErrorAlert } from './ui.tsx';

/**
 * The saving state of a form dialog. `run` sends the request; a refusal goes onto the form's fields
 * where the server names them (`aliases` maps a server field to a form field), otherwise into `error`
 * for the dialog's alert. Resolves true when the request succeeded.
 */
export function useSubmit(form?: FormInstance, aliases?: Record<string, string>) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (request: () => Promise<unknown>): Promise<boolean> => {
    setSaving(true);
    setError(null);
    try {
      await request();
      return true;
    } catch (e) {
      if (!form || !applyFieldErrors(form, e, aliases)) setError(e);
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, run, clearError: () => setError(null) };
}

export interface FormModalProps<T> {
  title: ReactNode;
  open: boolean;
  form: FormInstance<T>;
  onFinish: (values: T) => void | Promise<void>;
  onCancel: () => void;
  saving?: boolean;
  error?: unknown;
  okText?: string;
  okDanger?: boolean;
  initialValues?: Partial<T>;
  width?: number;
  children: ReactNode;
  /** Read-only view: no OK button. */
  readOnly?: boolean;
}

export function FormModal<T extends object>({
  title,
  open,
  form,
  onFinish,
  onCancel,
  saving,
  error,
  okText = '保存',
  okDanger,
  initialValues,
  width,
  children,
  readOnly,
}: FormModalProps<T>) {
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      cancelText={readOnly ? '关闭' : '取消'}
      onCancel={onCancel}
      confirmLoading={saving}
      destroyOnHidden
      // A stray click beside a form must not throw away what was typed; 取消, × and Esc still close it.
      mask={readOnly ? undefined : { closable: false }}
      okButtonProps={{
        htmlType: 'submit',
        danger: okDanger,
        style: readOnly ? { display: 'none' } : undefined,
      }}
      modalRender={(dom) => (
        <Form<T>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={initialValues}
          disabled={readOnly}
          scrollToFirstError
        >
          {dom}
        </Form>
      )}
    >
      <ErrorAlert error={error} />
      {children}
    </Modal>
  );
}
