import type { LoginBody } from '@onhand/contracts';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { serverMessage } from '../i18n/labels';
import { useLogin } from './session';

/** Sign-in with e-mail and password, then the authenticator code when the account has TOTP on. */
export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [form] = Form.useForm<LoginBody>();
  const [needsCode, setNeedsCode] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = (values: LoginBody) => {
    setFailure(null);
    login.mutate(values, {
      onError: (error) => {
        const problem = error instanceof ApiError ? error.problem : null;
        if (problem?.totpRequired === true) {
          if (needsCode) form.setFields([{ name: 'totp', errors: [t('auth.totpWrong')] }]);
          setNeedsCode(true);
        } else if (problem?.code === 'unauthorized') setFailure(t('auth.failed'));
        else setFailure(problem ? serverMessage(problem.detail) : t('common.error'));
      },
    });
  };

  return (
    <div className="login-page">
      <Card className="login-card">
        <div className="login-head">
          <Typography.Title level={3}>{t('app.name')}</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="email" label={t('auth.email')} rules={[{ required: true }]}>
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {needsCode && (
            <Form.Item
              name="totp"
              label={t('auth.totp')}
              extra={t('auth.totpHelp')}
              rules={[{ required: true }]}
            >
              <Input autoComplete="one-time-code" inputMode="numeric" autoFocus />
            </Form.Item>
          )}
          {failure && <Alert type="error" title={failure} className="form-alert" />}
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.signIn')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
