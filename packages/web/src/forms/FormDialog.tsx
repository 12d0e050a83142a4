import { Alert, Form, type FormInstance, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A form in a dialog that saves: what the API refused beyond the fields shows under it. */
export function FormDialog<V>({
  form,
  open,
  title,
  saving,
  error,
  onFinish,
  onCancel,
  children,
}: {
  form: FormInstance<V>;
  open: boolean;
  title: string;
  saving: boolean;
  error: string | null;
  onFinish: (values: V) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark>
        {children}
      </Form>
      {error && <Alert type="error" title={error} />}
    </Modal>
  );
}
