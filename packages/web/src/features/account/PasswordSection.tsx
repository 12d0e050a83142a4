import { App, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { InlineForm } from '../../forms/InlineForm';
import { useRefusal } from '../../forms/use-refusal';
import { useChangePassword } from './account.queries';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
}

/** Changing one's own password, proven with the current one. */
export function PasswordSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const change = useChangePassword();
  const [form] = Form.useForm<PasswordValues>();
  const refusal = useRefusal(form);
  const submit = (values: PasswordValues) => {
    refusal.saving();
    change.mutate(values, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('account.passwordChanged'));
      },
      onError: refusal.refused,
    });
  };
  return (
    <Card title={t('account.password')}>
      <InlineForm
        form={form}
        submitLabel={t('account.changePassword')}
        saving={change.isPending}
        error={refusal.error}
        onFinish={submit}
      >
        <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('account.newPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </InlineForm>
    </Card>
  );
}
