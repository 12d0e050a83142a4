import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en';
import { zhCN } from './zh-CN';

/** The languages of the interface; Chinese first. */
const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'onhand.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: Messages };
    returnNull: false;
  }
}

/** The language chosen before, else the browser's (Chinese for any zh-*), else English. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'zh-CN' || stored === 'en') return stored;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** Switches the interface language and remembers it in this browser. */
export function switchLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

/** The interface language now in use. */
export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

export default i18n;
