import { Alert, Button, Form, type FormInstance } from 'antd';
import type { ReactNode } from 'react';

/** A form on the page with one submit button: what the API refused beyond the fields shows under it. */
export function InlineForm<V>({
  form,
  submitLabel,
  saving,
  error,
  onFinish,
  wide = false,
  initialValues,
  children,
}: {
  form: FormInstance<V>;
  submitLabel: string;
  saving: boolean;
  error: string | null;
  onFinish: (values: V) => void;
  /** As wide as the page (a document with its lines), not as a dialog. */
  wide?: boolean;
  initialValues?: Partial<V>;
  children: ReactNode;
}) {
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={initialValues}
      requiredMark
      className={wide ? undefined : 'narrow-form'}
    >
      {children}
      {error && <Alert type="error" title={error} />}
      <Button type="primary" htmlType="submit" loading={saving}>
        {submitLabel}
      </Button>
    </Form>
  );
}
