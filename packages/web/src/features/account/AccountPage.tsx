import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { TotpSection } from './TotpSection';

/** One's own account: two-step sign-in, password and sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={2}>{t('account.title')}</Typography.Title>
      </div>
      <div className="sections">
        <TotpSection />
        <PasswordSection />
        <SessionsSection />
      </div>
    </div>
  );
}
