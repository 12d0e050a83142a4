import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** A new token's secret, shown this once with a copy button. */
export function TokenSecretDialog({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={t('apiTokens.secretTitle')}
      okText={t('apiTokens.done')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
    >
      <Alert type="warning" showIcon title={t('apiTokens.secretOnce')} />
      <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-secret>
        {secret}
      </Typography.Paragraph>
    </Modal>
  );
}
