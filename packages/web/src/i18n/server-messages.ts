/** What the API says, keyed: a message may hold placeholders such as `{{sku}}` for its names and numbers. */
type MessageBook = Record<string, string>;

/** One English message as a pattern: its words as they stand, each placeholder as any text. */
interface Pattern {
  key: string;
  names: string[];
  test: RegExp;
}

const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const literally = (words: string) => words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Placeholders that never hold a space (a document's number, an id), so that the words around them are not taken for them. */
const ONE_WORD = new Set(['number', 'id']);

function patternOf(key: string, english: string): Pattern {
  const names = [...english.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
  const words = english.split(PLACEHOLDER).filter((_, i) => i % 2 === 0);
  const source = words
    .map((w, i) => {
      const name = names[i];
      return literally(w) + (name === undefined ? '' : ONE_WORD.has(name) ? '(\\S+)' : '(.+?)');
    })
    .join('');
  return { key, names, test: new RegExp(`^${source}$`, 's') };
}

const compiled = new WeakMap<MessageBook, Pattern[]>();

/** The book's patterns: exact messages first, then those with placeholders in the book's order. */
function patternsOf(book: MessageBook): Pattern[] {
  let patterns = compiled.get(book);
  if (!patterns) {
    patterns = Object.entries(book)
      .map(([key, english]) => patternOf(key, english))
      .sort((a, b) => Number(a.names.length > 0) - Number(b.names.length > 0));
    compiled.set(book, patterns);
  }
  return patterns;
}

/** The words for a placeholder's value when it is a code the API also sends alone (a status, an action). */
export type CodeWords = (placeholder: string, value: string) => string | undefined;

/**
 * A message of the API in another language: the first English message it matches (exactly, or
 * with any text where a placeholder stands), told in the other language's words with the same
 * names and numbers, each of which is itself translated when it is a message we know, or a code
 * `codeWords` has words for. A message we do not know stays as it is.
 */
export function translateServerMessage<B extends MessageBook>(
  text: string,
  english: B,
  other: B,
  codeWords: CodeWords = () => undefined,
): string {
  for (const { key, names, test } of patternsOf(english)) {
    const found = test.exec(text);
    if (!found) continue;
    const values = new Map(names.map((name, i) => [name, found[i + 1] ?? '']));
    return (other[key] ?? text).replace(PLACEHOLDER, (_, name: string) => {
      const value = values.get(name) ?? '';
      const told = translateServerMessage(value, english, other, codeWords);
      return told !== value ? told : (codeWords(name, value) ?? value);
    });
  }
  return text;
}
