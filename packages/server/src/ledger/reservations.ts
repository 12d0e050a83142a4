import { sql } from 'kysely';
import { newId } from '../db/ids';
import { reserveGuarded, unreserve } from './balances';
import type { Actor, Trx } from './types';

/** How a reservation ended. */
export type ReservationEnd = 'released' | 'expired' | 'consumed';

/** What ending a reservation found. */
export type EndOutcome = { ended: true } | { ended: false; status: string } | null;

/**
 * Ends an active reservation and gives its quantity back to available (or, when consumed, leaves
 * it for the shipment to take out of reserved). The status change is guarded, so a reservation
 * ends once even when release and expiry race. Returns null when it does not exist.
 */
export async function endReservation(
  trx: Trx,
  id: string,
  end: ReservationEnd,
  at: number,
): Promise<EndOutcome> {
  const row = await trx
    .updateTable('reservations')
    .set({ status: end, ended_at: at })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returning(['item_id', 'warehouse_id', 'qty'])
    .executeTakeFirst();
  if (!row) {
    const current = await trx
      .selectFrom('reservations')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirst();
    return current ? { ended: false, status: current.status } : null;
  }
  if (end !== 'consumed') await unreserve(trx, row.item_id, row.warehouse_id, row.qty, at);
  return { ended: true };
}

/** A reservation that expired. */
export interface ExpiredReservation {
  id: string;
  item_id: string;
  warehouse_id: string;
}

/** Releases every active reservation past its expiry (of one SKU × warehouse when given); returns those it ended. */
export async function expireDue(
  trx: Trx,
  now: number,
  only?: { itemId: string; warehouseId: string },
): Promise<ExpiredReservation[]> {
  let query = trx
    .selectFrom('reservations')
    .select(['id', 'item_id', 'warehouse_id'])
    .where('status', '=', 'active')
    .where('expires_at', '<=', BigInt(now))
    .limit(500);
  if (only) query = query.where('item_id', '=', only.itemId).where('warehouse_id', '=', only.warehouseId);
  const expired: ExpiredReservation[] = [];
  // Ended in item order, as `post` locks balance rows, so expiry cannot deadlock with a document.
  const due = (await query.execute()).sort((a, b) => compareKeys(a, b));
  for (const row of due) {
    const outcome = await endReservation(trx, row.id, 'expired', now);
    if (outcome?.ended) expired.push(row);
  }
  return expired;
}

function compareKeys(
  a: { item_id: string; warehouse_id: string },
  b: { item_id: string; warehouse_id: string },
): number {
  const ka = `${a.item_id}\u0000${a.warehouse_id}`;
  const kb = `${b.item_id}\u0000${b.warehouse_id}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A document line's claim on stock (a sales order line, a confirmed transfer line). */
export interface DocumentClaim {
  documentId: string;
  line: bigint;
  itemId: string;
  warehouseId: string;
  qty: bigint;
  /** What people see on the reservation: the document number. */
  reference: string;
}

/**
 * Reserves stock for a document line in one guarded statement and records the reservation
 * against the line. Returns false (and changes nothing) when not enough is available.
 */
export async function reserveForDocument(trx: Trx, claim: DocumentClaim, actor: Actor): Promise<boolean> {
  if (!(await reserveGuarded(trx, claim.itemId, claim.warehouseId, claim.qty, actor.at))) return false;
  await trx
    .insertInto('reservations')
    .values({
      id: newId(actor.at),
      item_id: claim.itemId,
      warehouse_id: claim.warehouseId,
      qty: claim.qty,
      reference: claim.reference,
      status: 'active',
      expires_at: null,
      created_at: actor.at,
      created_by: actor.userId,
      ended_at: null,
      document_id: claim.documentId,
      document_line: claim.line,
    })
    .execute();
  return true;
}

/**
 * Takes `qty` off a document line's reservation as the goods leave (the shipment's ledger entry
 * takes it out of the balance's reserved); the reservation is consumed when nothing is left.
 */
export async function drawDocumentReservation(
  trx: Trx,
  documentId: string,
  line: bigint,
  qty: bigint,
  at: number,
): Promise<void> {
  const result = await trx
    .updateTable('reservations')
    .set({
      qty: sql`qty - ${qty}`,
      status: sql`case when qty = ${qty} then 'consumed' else status end`,
      ended_at: sql`case when qty = ${qty} then ${at} else ended_at end`,
    })
    .where('document_id', '=', documentId)
    .where('document_line', '=', line)
    .where('status', '=', 'active')
    .where('qty', '>=', qty)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n)
    throw new Error(`line ${line} of ${documentId} has no active reservation of ${qty}`);
}

/** Releases whatever a document still holds reserved, line by line; returns what each line gave back. */
export async function releaseDocumentReservations(
  trx: Trx,
  documentId: string,
  at: number,
): Promise<Map<bigint, bigint>> {
  const held = await trx
    .selectFrom('reservations')
    .select(['id', 'document_line', 'qty', 'item_id', 'warehouse_id'])
    .where('document_id', '=', documentId)
    .where('status', '=', 'active')
    .execute();
  const released = new Map<bigint, bigint>();
  for (const r of held.sort(compareKeys)) {
    await endReservation(trx, r.id, 'released', at);
    if (r.document_line !== null) released.set(r.document_line, r.qty);
  }
  return released;
}
