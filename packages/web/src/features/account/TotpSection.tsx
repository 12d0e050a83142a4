import type { TotpEnrolment } from '@onhand/contracts';
import { Alert, App, Button, Card, Descriptions, QRCode, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/session';
import { useConfirmTotp, useDisableTotp, useStartTotp } from './account.queries';
import { CodeForm } from './CodeForm';

/** Two-step sign-in: turn it on (secret, address, a first code, then the recovery codes once) or off with a code. */
export function TotpSection() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const start = useStartTotp();
  const confirm = useConfirmTotp();
  const disable = useDisableTotp();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const on = useMe().data?.totpEnabled ?? false;

  return (
    <Card
      title={t('account.totp')}
      extra={
        <Tag color={on ? 'green' : 'default'} data-totp-status={on ? 'on' : 'off'}>
          {on ? t('account.isOn') : t('account.isOff')}
        </Tag>
      }
    >
      <Typography.Paragraph type="secondary">{t('account.totpHelp')}</Typography.Paragraph>
      {recoveryCodes ? (
        <>
          <Alert type="warning" showIcon title={t('account.recoveryOnce')} />
          <Typography.Title level={5}>{t('account.recoveryCodes')}</Typography.Title>
          <ol className="recovery-codes">
            {recoveryCodes.map((code) => (
              <li key={code} data-recovery-code>
                <Typography.Text code>{code}</Typography.Text>
              </li>
            ))}
          </ol>
          <Typography.Paragraph copyable={{ text: recoveryCodes.join('\n') }} />
        </>
      ) : enrolment ? (
        <>
          <Space wrap align="start" size="large">
            <div data-totp-qr>
              <QRCode value={enrolment.otpauthUrl} size={176} />
            </div>
            <Typography.Paragraph className="totp-scan-help">{t('account.scanHelp')}</Typography.Paragraph>
          </Space>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('account.secret')}>
              <Typography.Text copyable code data-totp-secret>
                {enrolment.secret}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('account.address')}>
              <Typography.Text copyable>{enrolment.otpauthUrl}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph>{t('account.addHelp')}</Typography.Paragraph>
          <CodeForm
            mutation={confirm}
            submitLabel={t('account.confirm')}
            onDone={(answer) => {
              setEnrolment(null);
              setRecoveryCodes(answer.recoveryCodes);
              void message.success(t('account.turnedOn'));
            }}
          />
        </>
      ) : on ? (
        <>
          <Typography.Paragraph type="secondary">{t('account.offHelp')}</Typography.Paragraph>
          <CodeForm
            mutation={disable}
            submitLabel={t('account.turnOff')}
            onDone={() => void message.success(t('account.turnedOff'))}
          />
        </>
      ) : (
        <Button
          type="primary"
          loading={start.isPending}
          onClick={() => start.mutate(undefined, { onSuccess: setEnrolment })}
        >
          {t('account.turnOn')}
        </Button>
      )}
    </Card>
  );
}
