import { DEFAULT_LIMIT, decodeCursor, toPage } from '../../http/pagination';

/** A sort key: texts compared one after another by code unit, the same on every database. */
export type SortKey = readonly string[];

/** Stands for a missing value in a sort key, so that it sorts after every real one. */
export const LAST = '\uffff';

/** Orders two sort keys of the same length. */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Sorts rows a report has gathered whole (it needs all of them for its totals anyway) and cuts
 * the page after the cursor; keys must be unique and `width` long.
 */
export function sortedPage<Row, Out>(
  rows: readonly Row[],
  query: { limit?: number | undefined; cursor?: string | undefined },
  width: number,
  keyOf: (row: Row) => SortKey,
  map: (row: Row) => Out,
): { items: Out[]; nextCursor: string | null } {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const keyed = rows.map((row) => ({ row, key: keyOf(row) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  const after = decodeCursor(query.cursor, Array<'string'>(width).fill('string'));
  const start = after ? keyed.findIndex((k) => compareKeys(k.key, after.map(String)) > 0) : 0;
  const rest = start < 0 ? [] : keyed.slice(start, start + limit + 1);
  return toPage(
    rest,
    limit,
    (k) => k.key,
    (k) => map(k.row),
  );
}
