import i18n from 'i18next';
import { en, type Messages } from './en';
import { translateServerMessage } from './server-messages';
import { zhCN } from './zh-CN';

/** The groups of words the API sends as codes (statuses, document and ledger types). */
type CodeGroup =
  | 'documentStatus'
  | 'documentType'
  | 'documentAction'
  | 'ledgerType'
  | 'approvalAction'
  | 'approvalTarget';

const messagesNow = (): Messages => (i18n.language === 'en' ? en : zhCN);

/** The word for a code the API sends, in the interface language (the code itself when unknown). */
export function labelOf(group: CodeGroup, code: string): string {
  const words: Record<string, string> = messagesNow()[group];
  return words[code] ?? code;
}

/** What the API said (a field's message, a problem's detail), in the interface language when it is a message we know. */
export function serverMessage(text: string): string {
  return translateServerMessage(text, en.serverMessages, messagesNow().serverMessages);
}
