import { compact } from './compact';
import type { CreateValues, FieldName, KindSpec } from './document-kind';
import type { DocumentView } from './documents.queries';

/** What the API answers as null (none) is a blank input in a form. */
const blankWhenNull = (value: unknown) => (value === null ? undefined : value);

/** A document in its create form: the head inputs and, per line, its SKU and line inputs. */
export function formValuesOf(create: NonNullable<KindSpec['create']>, doc: DocumentView): CreateValues {
  const head = create.head.map((input) => [input.name, blankWhenNull(doc[input.name])]);
  const lines = doc.lines.map((line) =>
    Object.fromEntries([
      ['sku', line.sku],
      ...create.lines.map((input) => [input.name, blankWhenNull(line[input.name])]),
    ]),
  );
  return { ...Object.fromEntries(head), lines };
}

/**
 * The body of an edit: the head inputs it may change that were changed (one left blank is sent as
 * null: none), and every line as it stands (they replace the document's lines).
 */
export function editBody(
  head: readonly FieldName[],
  doc: DocumentView,
  values: CreateValues,
): Record<string, unknown> {
  const { lines = [], ...rest } = values;
  const filled = compact(rest);
  const changed = head.filter((name) => (filled[name] ?? null) !== (doc[name] ?? null));
  return {
    ...Object.fromEntries(changed.map((name) => [name, filled[name] ?? null])),
    lines: lines.map(compact),
  };
}
