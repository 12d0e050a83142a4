import type { ImportAction, ImportError, ImportRow, MasterDataKind } from '@onhand/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { invalid } from '../../http/problem';
import { inScope, type WarehouseScope } from '../auth/warehouse-scope';
import type { ImportTarget } from './import-targets';
import {
  COLUMNS,
  type Column,
  cellValue,
  columnByHeading,
  keyField,
  type MasterRecord,
} from './master-data-columns';
import type { Sheet } from './spreadsheet';

/** The most rows one import takes. */
export const MAX_IMPORT_ROWS = 5000;

/** A row as planned: what it does, to which record, with which body. */
export interface PlannedRow extends ImportRow {
  body: Record<string, unknown>;
  before: MasterRecord | null;
}

/** A file's columns: which field each heading fills (null for a blank heading over blank cells). */
function columnsOf(kind: MasterDataKind, headings: readonly string[]): (Column | null)[] {
  const seen = new Set<string>();
  const columns = headings.map((heading, i) => {
    if (heading.trim() === '') return null;
    const column = columnByHeading(kind, heading);
    const path = `columns.${i}`;
    if (!column) {
      const known = COLUMNS[kind].map((c) => c.field).join(', ');
      throw invalid([{ path, message: `${heading} is not a column of ${kind} (${known})` }]);
    }
    if (seen.has(column.field))
      throw invalid([{ path, message: `${heading} is a second ${column.field} column` }]);
    seen.add(column.field);
    return column;
  });
  if (!seen.has(keyField(kind)))
    throw invalid([{ path: 'columns', message: `must include ${keyField(kind)}` }]);
  return columns;
}

/** Undoes the quote an export puts before text a spreadsheet would take for a formula. */
const unquoted = (text: string) => (/^'[=+\-@]/.test(text) ? text.slice(1) : text);

/** Compares a field of a body with the record's, arrays by their items. */
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What a valid update body would change: `unchanged` when every field it names already holds its value. */
function actionOf(body: Record<string, unknown>, before: MasterRecord): ImportAction {
  const current = before as Record<string, unknown>;
  // An expiry-tracked item is batch-tracked whatever the row says.
  const effective = body.expiryTracked === true ? { ...body, batchTracked: true } : body;
  return Object.entries(effective).every(([field, value]) => same(value, current[field]))
    ? 'unchanged'
    : 'update';
}

/** Barcodes listed twice in the file, or already on another item. */
async function checkBarcodes(
  rows: PlannedRow[],
  db: Kysely<DB>,
  headingOf: (field: string) => string | null,
) {
  const firstRow = new Map<string, PlannedRow>();
  for (const row of rows) {
    const barcodes = row.body.barcodes;
    if (!Array.isArray(barcodes)) continue;
    for (const barcode of barcodes as string[]) {
      const other = firstRow.get(barcode);
      if (other) {
        const message =
          other === row
            ? `barcode ${barcode} is listed twice`
            : `barcode ${barcode} is also in row ${other.row}`;
        row.errors.push({ row: row.row, column: headingOf('barcodes'), field: 'barcodes', message });
      } else firstRow.set(barcode, row);
    }
  }
  const listed = [...firstRow.keys()];
  for (let i = 0; i < listed.length; i += 500) {
    const owners = await db
      .selectFrom('item_barcodes')
      .innerJoin('items', 'items.id', 'item_barcodes.item_id')
      .select(['item_barcodes.barcode', 'items.sku'])
      .where('item_barcodes.barcode', 'in', listed.slice(i, i + 500))
      .execute();
    for (const owner of owners) {
      const row = firstRow.get(owner.barcode);
      if (row && row.code !== owner.sku)
        row.errors.push({
          row: row.row,
          column: headingOf('barcodes'),
          field: 'barcodes',
          message: `barcode ${owner.barcode} already belongs to item ${owner.sku}`,
        });
    }
  }
}

/**
 * Plans an import: every row is read, checked with the create or update contract (by whether its
 * code exists), against the other rows and against what exists, and given its action. Reads only.
 */
export async function planImport(
  kind: MasterDataKind,
  sheet: Sheet,
  target: ImportTarget,
  db: Kysely<DB>,
  scope: WarehouseScope,
): Promise<PlannedRow[]> {
  const [headings, ...lines] = sheet;
  if (!headings) throw invalid([{ path: 'body', message: 'has no heading row' }]);
  const columns = columnsOf(kind, headings);
  const headingOf = (field: string) => {
    const i = columns.findIndex((c) => c?.field === field);
    return i < 0 ? null : (headings[i]?.trim() ?? null);
  };
  const key = keyField(kind);
  const rowsWithData = lines
    .map((cells, i) => ({ row: i + 2, cells: cells.map((c) => unquoted(c.trim())) }))
    .filter((line) => line.cells.some((c) => c !== ''));
  if (rowsWithData.length > MAX_IMPORT_ROWS)
    throw invalid([{ path: 'body', message: `has more than ${MAX_IMPORT_ROWS} rows` }]);
  const byCode = new Map<string, number>();
  const planned: PlannedRow[] = [];
  for (const { row, cells } of rowsWithData) {
    const errors: ImportError[] = [];
    const fail = (field: string | null, message: string) =>
      errors.push({ row, column: field === null ? null : headingOf(field), field, message });
    const body: Record<string, unknown> = {};
    columns.forEach((column, i) => {
      if (!column) return;
      const read = cellValue(column, cells[i] ?? '');
      if ('error' in read) fail(column.field, read.error);
      else if (read.value !== undefined) body[column.field] = read.value;
    });
    const code = typeof body[key] === 'string' ? (body[key] as string) : '';
    const earlier = byCode.get(code);
    if (code !== '' && earlier !== undefined) fail(key, `${key} ${code} is already in row ${earlier}`);
    else byCode.set(code, row);
    const before = code === '' ? null : await target.find(code, db);
    if (before && kind === 'warehouses' && !inScope(scope, code))
      fail(key, `${code} is a warehouse you do not work in`);
    const { [key]: _key, ...fields } = body;
    const checked = target.check(before ? fields : body, before !== null);
    const valid = checked.ok ? checked.body : {};
    if (!checked.ok) for (const issue of checked.issues) fail(issue.field, issue.message);
    const action: ImportAction = before ? actionOf(valid, before) : 'create';
    planned.push({ row, code, action, errors, body: valid, before });
  }
  if (kind === 'items') await checkBarcodes(planned, db, headingOf);
  return planned;
}
