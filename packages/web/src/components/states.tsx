import { Alert, Button, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { serverMessage } from '../i18n/labels';

/** A page or block still loading. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state-block" role="status">
      <Spin />
      <span className="state-text">{t('common.loading')}</span>
    </div>
  );
}

/** Nothing to show yet, with what would be here. */
export function Nothing({ text }: { text?: string }) {
  const { t } = useTranslation();
  return <Empty description={text ?? t('common.empty')} />;
}

/** A read that failed, with its reason and a retry. */
export function LoadFailed({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.error')}
      description={error instanceof Error ? serverMessage(error.message) : String(error)}
      action={retry && <Button onClick={retry}>{t('common.retry')}</Button>}
    />
  );
}
