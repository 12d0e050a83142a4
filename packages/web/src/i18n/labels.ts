import i18n from 'i18next';
import { en, type Messages } from './en';
import { zhCN } from './zh-CN';

/** The groups of words the API sends as codes (statuses, document and ledger types). */
type CodeGroup = 'documentStatus' | 'documentType' | 'ledgerType';

/** The word for a code the API sends, in the interface language (the code itself when unknown). */
export function labelOf(group: CodeGroup, code: string): string {
  const messages: Messages = i18n.language === 'en' ? en : zhCN;
  const words: Record<string, string> = messages[group];
  return words[code] ?? code;
}
