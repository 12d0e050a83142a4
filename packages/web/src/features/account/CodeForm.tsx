import type { UseMutationResult } from '@tanstack/react-query';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { InlineForm } from '../../forms/InlineForm';
import { useRefusal } from '../../forms/use-refusal';

/** A form asking for an authenticator code, sent by a mutation; a wrong code shows on its field. */
export function CodeForm<R>({
  mutation,
  submitLabel,
  onDone,
}: {
  mutation: UseMutationResult<R, Error, string>;
  submitLabel: string;
  onDone: (answer: R) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const refusal = useRefusal(form);
  const submit = ({ code }: { code: string }) => {
    refusal.saving();
    mutation.mutate(code.trim(), { onSuccess: onDone, onError: refusal.refused });
  };
  return (
    <InlineForm
      form={form}
      submitLabel={submitLabel}
      saving={mutation.isPending}
      error={refusal.error}
      onFinish={submit}
    >
      <Form.Item name="code" label={t('account.code')} rules={[{ required: true }]}>
        <Input autoComplete="one-time-code" inputMode="numeric" />
      </Form.Item>
    </InlineForm>
  );
}
