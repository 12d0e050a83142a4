import { type RawBuilder, sql } from 'kysely';
import { Problem } from './problem';

/** The default page size of every list. */
export const DEFAULT_LIMIT = 50;

/** Encodes the sort key of the last row of a page as an opaque cursor. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`, checking it has the expected shape. */
export function decodeCursor(
  cursor: string | undefined,
  shape: readonly ('string' | 'number')[],
): (string | number)[] | null {
  if (cursor === undefined) return null;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && key.every((k, i) => typeof k === shape[i]))
      return key;
  } catch {
    // fall through to the problem below
  }
  throw new Problem('validation_failed', 'cursor is not valid', {
    errors: [{ path: 'cursor', message: 'is not valid' }],
  });
}

/** Cuts a page from rows fetched with limit + 1 and makes the cursor from the last row kept. */
export function toPage<Row, Out>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => readonly (string | number)[],
  map: (row: Row) => Out,
): { items: Out[]; nextCursor: string | null } {
  const kept = rows.slice(0, limit);
  const last = kept.at(-1);
  return {
    items: kept.map(map),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/**
 * The keyset condition "(c1, c2, …) > (v1, v2, …)" in lexicographic order, written out as
 * `c1 > v1 or (c1 = v1 and c2 > v2) or …` so that both databases use their indexes: the rows
 * after a cursor when a list is sorted by those columns.
 */
export function afterKey(
  columns: readonly string[],
  values: readonly (string | number)[],
): RawBuilder<boolean> {
  const branches = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => sql`${sql.ref(c)} = ${values[j]}`);
    return sql`(${sql.join([...equal, sql`${sql.ref(column)} > ${values[i]}`], sql` and `)})`;
  });
  return sql<boolean>`(${sql.join(branches, sql` or `)})`;
}

/** A query that can be cut into keyset pages (a Kysely select query fits). */
interface KeysetQuery<Row> {
  where(condition: RawBuilder<boolean>): KeysetQuery<Row>;
  orderBy(expression: RawBuilder<unknown>): KeysetQuery<Row>;
  limit(limit: number): KeysetQuery<Row>;
  execute(): Promise<Row[]>;
}

/**
 * One page of a query sorted by some columns (each row answering their values under `keys`),
 * after the cursor of the page before.
 */
export async function keysetPage<Row, Out>(
  query: KeysetQuery<Row>,
  sort: { columns: readonly string[]; keyOf: (row: Row) => readonly (string | number)[] },
  page: { cursor?: string | undefined; limit?: number | undefined },
  map: (row: Row) => Out,
): Promise<{ items: Out[]; nextCursor: string | null }> {
  const limit = page.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(
    page.cursor,
    sort.columns.map(() => 'string'),
  );
  let q = after ? query.where(afterKey(sort.columns, after)) : query;
  for (const column of sort.columns) q = q.orderBy(sql.ref(column));
  return toPage(await q.limit(limit + 1).execute(), limit, sort.keyOf, map);
}

/** Rows sorted by SKU, then warehouse code: most stock lists. */
export const BY_SKU_AND_WAREHOUSE = {
  columns: ['items.sku', 'warehouses.code'],
  keyOf: (r: { sku: string; code: string }) => [r.sku, r.code],
} as const;
