import type { DocumentType } from '@onhand/contracts';
import { allowedActions, type TransitionTable, transition } from '@onhand/domain';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import { newId } from '../../db/ids';
import type { DB, DocumentLinesTable, DocumentsTable } from '../../db/schema';
import { notFound, Problem } from '../../http/problem';
import type { Actor, Trx } from '../../ledger/types';
import { withdrawApprovals } from '../approvals/withdraw';
import { inScope, type WarehouseScope } from '../auth/warehouse-scope';
import { recordHistory } from '../document-history';

/** Who acts, and now, as the ledger records it. */
export function actorOf(p: { userId: string }, clock: () => number): Actor {
  return { userId: p.userId, at: clock() };
}

/** A document's head row. */
export type DocumentRow = Selectable<DocumentsTable>;
/** A document line row. */
export type LineRow = Selectable<DocumentLinesTable>;

const PREFIX: Record<DocumentType, string> = {
  purchase_order: 'PO',
  purchase_return: 'PR',
  sales_order: 'SO',
  sales_return: 'SR',
  transfer: 'TR',
  stocktake: 'ST',
  write_off: 'WO',
};

/** How people call a document type in messages. */
export const DOCUMENT_LABEL: Record<DocumentType, string> = {
  purchase_order: 'purchase order',
  purchase_return: 'purchase return',
  sales_order: 'sales order',
  sales_return: 'sales return',
  transfer: 'transfer',
  stocktake: 'stocktake',
  write_off: 'write-off',
};

/** The next human number of a document type (PO-000042), taken inside the creating transaction. */
async function nextNumber(trx: Trx, type: DocumentType): Promise<string> {
  const row = await trx
    .insertInto('document_counters')
    .values({ type, next: 1 })
    .onConflict((oc) => oc.column('type').doUpdateSet({ next: sql`document_counters.next + 1` }))
    .returning('next')
    .executeTakeFirstOrThrow();
  return `${PREFIX[type]}-${String(row.next).padStart(6, '0')}`;
}

/** The head of a new document: everything but what the store fills in. */
export type NewDocument = Omit<
  Insertable<DocumentsTable>,
  'id' | 'number' | 'version' | 'created_at' | 'updated_at' | 'created_by'
> & { type: DocumentType; status: string };

/** A new line, numbered by the store from 1. */
export type NewLine = Omit<Insertable<DocumentLinesTable>, 'document_id' | 'line_no'>;

/** Creates a document with its lines and the first history entry; returns its id. */
export async function createDocument(
  trx: Trx,
  head: NewDocument,
  lines: readonly NewLine[],
  actor: Actor,
  action = 'create',
): Promise<string> {
  const id = newId(actor.at);
  await trx
    .insertInto('documents')
    .values({
      ...head,
      id,
      number: await nextNumber(trx, head.type),
      version: 1,
      created_by: actor.userId,
      created_at: actor.at,
      updated_at: actor.at,
    })
    .execute();
  await insertLines(trx, id, lines);
  await recordHistory(trx, { type: head.type, id }, actor, action, null, head.status);
  return id;
}

/** Replaces every line of a document (an edit of a draft). */
export async function replaceLines(trx: Trx, id: string, lines: readonly NewLine[]): Promise<void> {
  await trx.deleteFrom('document_lines').where('document_id', '=', id).execute();
  await insertLines(trx, id, lines);
}

async function insertLines(trx: Trx, id: string, lines: readonly NewLine[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 200) {
    await trx
      .insertInto('document_lines')
      .values(lines.slice(i, i + 200).map((l, j) => ({ ...l, document_id: id, line_no: i + j + 1 })))
      .execute();
  }
}

/**
 * Takes a document for an action: locks its row for the rest of the transaction (so two actions
 * on one document run one after the other), checks `If-Match` against its version, and returns
 * the row as it is now. `404` when there is no such document of that type, or when it lies
 * outside the warehouses the person works in.
 */
export async function lockDocument(
  trx: Trx,
  type: DocumentType,
  c: { id: string; ifMatch: number | null; principal: { warehouses: WarehouseScope } },
): Promise<DocumentRow> {
  const row = await trx
    .updateTable('documents')
    .set({ version: sql`version` })
    .where('id', '=', c.id)
    .where('type', '=', type)
    .returningAll()
    .executeTakeFirst();
  if (!row || !(await visibleTo(trx, row, c.principal.warehouses)))
    throw notFound(DOCUMENT_LABEL[type], c.id);
  if (c.ifMatch !== null && Number(row.version) !== c.ifMatch)
    throw new Problem(
      'conflict',
      `${DOCUMENT_LABEL[type]} ${row.number} is at version ${row.version}, not ${c.ifMatch}: reload it and try again`,
      { currentVersion: Number(row.version) },
    );
  return row;
}

/** True when a document has a warehouse (either end of a transfer) inside the scope. */
async function visibleTo(trx: Trx, row: DocumentRow, scope: WarehouseScope): Promise<boolean> {
  if (scope === null) return true;
  const ids = [row.warehouse_id, row.to_warehouse_id].filter((id): id is string => id !== null);
  if (ids.length === 0) return false;
  const codes = await trx.selectFrom('warehouses').select('code').where('id', 'in', ids).execute();
  return codes.some((w) => inScope(scope, w.code));
}

/**
 * The statuses an action may lead to from the document's status; `409 invalid_state` naming the
 * status when the action is not allowed there.
 */
export function allowed<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  doc: DocumentRow,
  action: A,
): readonly S[] {
  const next = transition(table, doc.status as S, action);
  if (!next)
    throw new Problem(
      'invalid_state',
      `cannot ${action.replaceAll('_', ' ')} ${DOCUMENT_LABEL[doc.type as DocumentType]} ${doc.number}: it is ${doc.status}`,
      { status: doc.status, action },
    );
  return next;
}

/** The actions a document offers in its status. */
export function actionsOf<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  status: string,
): A[] {
  return status in table ? allowedActions(table, status as S) : [];
}

/**
 * Records an action: the new status and other head changes, the next version, and the history
 * entry. Cancelling withdraws the approvals that wait on the document.
 */
export async function moveDocument(
  trx: Trx,
  doc: DocumentRow,
  action: string,
  toStatus: string,
  actor: Actor,
  changes: Partial<Omit<Insertable<DocumentsTable>, 'id' | 'type' | 'number' | 'version'>> = {},
): Promise<void> {
  await trx
    .updateTable('documents')
    .set({ ...changes, status: toStatus, version: sql`version + 1`, updated_at: actor.at })
    .where('id', '=', doc.id)
    .execute();
  await recordHistory(trx, { type: doc.type, id: doc.id }, actor, action, doc.status, toStatus);
  if (toStatus === 'cancelled')
    await withdrawApprovals(trx, doc.id, actor, 'withdrawn: the document was cancelled');
}

/** A document's lines in order, with their SKUs. */
export function linesOf(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('document_lines as l')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .selectAll('l')
    .select(['i.sku', 'i.batch_tracked', 'i.expiry_tracked'])
    .where('l.document_id', '=', id)
    .orderBy('l.line_no')
    .execute();
}
/** A line with its SKU and the item's tracking flags. */
export type LineWithItem = Awaited<ReturnType<typeof linesOf>>[number];

/** Adds to the progress columns of one line. */
export async function advanceLine(
  trx: Trx,
  id: string,
  lineNo: bigint,
  by: { done?: bigint; received?: bigint; closed?: bigint },
): Promise<void> {
  await trx
    .updateTable('document_lines')
    .set({
      done_qty: sql`done_qty + ${by.done ?? 0n}`,
      received_qty: sql`received_qty + ${by.received ?? 0n}`,
      closed_qty: sql`closed_qty + ${by.closed ?? 0n}`,
    })
    .where('document_id', '=', id)
    .where('line_no', '=', lineNo)
    .execute();
}

/**
 * Records an action that makes progress on the lines (a receipt, a shipment): the document
 * reaches `full` when no line has anything open, else `partial`.
 */
export async function moveByProgress(
  trx: Trx,
  doc: DocumentRow,
  action: string,
  statuses: { partial: string; full: string },
  openOf: (line: LineWithItem) => bigint,
  actor: Actor,
): Promise<void> {
  const done = (await linesOf(trx, doc.id)).every((l) => openOf(l) <= 0n);
  await moveDocument(trx, doc, action, done ? statuses.full : statuses.partial, actor);
}
