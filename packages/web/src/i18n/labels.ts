import i18n from 'i18next';
import { en, type Messages } from './en';
import { type CodeWords, translateServerMessage } from './server-messages';
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

/** Placeholders of server messages whose values are codes, and the groups that have words for them. */
const CODE_PLACEHOLDERS: Record<string, readonly CodeGroup[]> = {
  status: ['documentStatus'],
  action: ['documentAction', 'approvalAction'],
  document: ['documentType'],
};

/** The interface's words for a code inside a message (`purchase order`, `quick fill` → their codes). */
const codeWords: CodeWords = (placeholder, value) => {
  const code = value.replace(/[ -]/g, '_');
  const group = CODE_PLACEHOLDERS[placeholder]?.find((g) => code in messagesNow()[g]);
  return group ? labelOf(group, code) : undefined;
};

/**
 * What the API said (a field's message, a problem's detail), in the interface language when it is
 * a message we know; in Chinese the statuses, actions and documents it names are in Chinese too.
 */
export function serverMessage(text: string): string {
  const words = messagesNow();
  return translateServerMessage(
    text,
    en.serverMessages,
    words.serverMessages,
    words === en ? undefined : codeWords,
  );
}
