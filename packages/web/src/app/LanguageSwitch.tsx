import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language, switchLanguage } from '../i18n';

/** 中文 / English, remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      value={currentLanguage()}
      onChange={switchLanguage}
      options={[
        { value: 'zh-CN', label: t('language.zh') },
        { value: 'en', label: t('language.en') },
      ]}
    />
  );
}
