// A modal whose body is a form: Enter submits, the OK button is the form's submit button, the
// server's error is shown at the top and the form lives as long as the modal (callers mount it only while open).
import { Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ui.tsx';

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
