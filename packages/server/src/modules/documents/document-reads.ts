import type { DocumentType } from '@onhand/contracts';
import type { TransitionTable } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { isoOut } from '../../http/format';
import { DEFAULT_LIMIT, decodeCursor, encodeCursor } from '../../http/pagination';
import { notFound } from '../../http/problem';
import { scopedWarehouseIds, type WarehouseScope } from '../auth/warehouse-scope';
import { documentHistory } from '../document-history';
import { contains } from '../master-data';
import { actionsOf, DOCUMENT_LABEL, linesOf } from './document-store';

/** A document as read: its head with the codes it refers to, its lines and its history. */
export async function loadDocument(db: Kysely<DB>, type: DocumentType, id: string) {
  const head = await db
    .selectFrom('documents as d')
    .leftJoin('warehouses as w', 'w.id', 'd.warehouse_id')
    .leftJoin('warehouses as tw', 'tw.id', 'd.to_warehouse_id')
    .leftJoin('suppliers as sp', 'sp.id', 'd.supplier_id')
    .leftJoin('customers as c', 'c.id', 'd.customer_id')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .selectAll('d')
    .select([
      'w.code as warehouse_code',
      'tw.code as to_warehouse_code',
      'sp.code as supplier_code',
      'c.code as customer_code',
      'u.email as creator_email',
    ])
    .select((eb) =>
      eb
        .selectFrom('approvals as a')
        .select('a.id')
        .whereRef('a.target_id', '=', 'd.id')
        .where('a.status', '=', 'pending')
        .limit(1)
        .as('pending_approval'),
    )
    .where('d.id', '=', id)
    .where('d.type', '=', type)
    .executeTakeFirst();
  if (!head) throw notFound(DOCUMENT_LABEL[type], id);
  const lines = await linesOf(db, id);
  const history = await documentHistory(db, { type, id });
  return { head, lines, history };
}
/** What `loadDocument` returns. */
export type LoadedDocument = Awaited<ReturnType<typeof loadDocument>>;

/** The fields every document answers with, from a loaded document and its state machine. */
export function headView<S extends string, A extends string>(
  { head, history }: LoadedDocument,
  table: TransitionTable<S, A>,
) {
  return {
    id: head.id,
    number: head.number,
    status: head.status,
    version: Number(head.version),
    actions: actionsOf(table, head.status),
    reference: head.reference,
    note: head.note,
    createdAt: isoOut(head.created_at),
    updatedAt: isoOut(head.updated_at),
    createdBy:
      head.created_by && head.creator_email ? { id: head.created_by, email: head.creator_email } : null,
    history,
    pendingApproval: head.pending_approval,
  };
}

/** Filters every document list understands. */
export interface DocumentFilters {
  /** Part of the number or the reference. */
  q?: string | undefined;
  status?: string | undefined;
  warehouse?: string | undefined;
  sku?: string | undefined;
  supplier?: string | undefined;
  customer?: string | undefined;
  related?: string | undefined;
  channel?: string | undefined;
  /** Only documents with a warehouse (either end of a transfer) in these codes; null for all. */
  scope?: WarehouseScope | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

/**
 * One page of the ids of a document type, newest first, filtered by part of the number or
 * reference, status, warehouse (either end of a transfer), supplier, customer, SKU on any line,
 * and creation time.
 */
export async function listDocumentIds(
  db: Kysely<DB>,
  type: DocumentType,
  f: DocumentFilters,
  bounds: { from: number | null; to: number | null },
): Promise<{ ids: string[]; nextCursor: string | null }> {
  const limit = f.limit ?? DEFAULT_LIMIT;
  const after = decodeCursor(f.cursor, ['string']);
  let q = db.selectFrom('documents as d').select('d.id').where('d.type', '=', type);
  if (f.q) {
    const search = f.q;
    q = q.where((eb) => eb.or([contains('d.number', search), contains('d.reference', search)]));
  }
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.warehouse) {
    const ids = db.selectFrom('warehouses').select('id').where('code', '=', f.warehouse);
    q = q.where((eb) => eb.or([eb('d.warehouse_id', 'in', ids), eb('d.to_warehouse_id', 'in', ids)]));
  }
  if (f.supplier)
    q = q.where(
      'd.supplier_id',
      'in',
      db.selectFrom('suppliers').select('id').where('code', '=', f.supplier),
    );
  if (f.customer)
    q = q.where(
      'd.customer_id',
      'in',
      db.selectFrom('customers').select('id').where('code', '=', f.customer),
    );
  if (f.related) q = q.where('d.related_id', '=', f.related);
  if (f.scope) {
    const ids = scopedWarehouseIds(db, f.scope);
    q = q.where((eb) => eb.or([eb('d.warehouse_id', 'in', ids), eb('d.to_warehouse_id', 'in', ids)]));
  }
  if (f.channel) q = q.where('d.channel', '=', f.channel);
  if (f.sku) {
    const sku = f.sku;
    q = q.where('d.id', 'in', (eb) =>
      eb
        .selectFrom('document_lines as l')
        .innerJoin('items as i', 'i.id', 'l.item_id')
        .select('l.document_id')
        .where('i.sku', '=', sku),
    );
  }
  if (bounds.from !== null) q = q.where('d.created_at', '>=', BigInt(bounds.from));
  if (bounds.to !== null) q = q.where('d.created_at', '<', BigInt(bounds.to));
  if (after) q = q.where('d.id', '<', String(after[0]));
  const rows = await q
    .orderBy('d.id', 'desc')
    .limit(limit + 1)
    .execute();
  const kept = rows.slice(0, limit).map((r) => r.id);
  const last = kept.at(-1);
  return {
    ids: kept,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor([last]) : null,
  };
}

/** A page of documents of a type, each read in full. */
export async function listDocuments<T>(
  db: Kysely<DB>,
  type: DocumentType,
  f: DocumentFilters,
  bounds: { from: number | null; to: number | null },
  get: (id: string) => Promise<T>,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const { ids, nextCursor } = await listDocumentIds(db, type, f, bounds);
  return { items: await Promise.all(ids.map(get)), nextCursor };
}

/** What each line of a document still holds reserved, by line number. */
export async function reservedByLine(db: Kysely<DB>, id: string): Promise<Map<bigint | null, bigint>> {
  const rows = await db
    .selectFrom('reservations')
    .select((eb) => ['document_line', eb.fn.sum<bigint>('qty').as('qty')])
    .where('document_id', '=', id)
    .where('status', '=', 'active')
    .groupBy('document_line')
    .execute();
  return new Map(rows.map((r) => [r.document_line, BigInt(r.qty)]));
}

/** The summed value of a document's ledger entries (of some types), by line number. */
export async function entryValuesByLine(
  db: Kysely<DB>,
  document: { type: DocumentType; id: string },
  types?: readonly string[],
): Promise<Map<bigint, bigint>> {
  let q = db
    .selectFrom('ledger_entries')
    .select((eb) => ['document_line', eb.fn.sum<bigint>('value').as('value')])
    .where('document_type', '=', document.type)
    .where('document_id', '=', document.id);
  if (types) q = q.where('type', 'in', [...types]);
  const rows = await q.groupBy('document_line').execute();
  return new Map(rows.map((r) => [r.document_line, BigInt(r.value)]));
}
