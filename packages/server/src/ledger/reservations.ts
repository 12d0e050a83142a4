import { unreserve } from './balances';
import type { Trx } from './types';

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

/** Releases every active reservation past its expiry (of one SKU × warehouse when given). */
export async function expireDue(
  trx: Trx,
  now: number,
  only?: { itemId: string; warehouseId: string },
): Promise<number> {
  let query = trx
    .selectFrom('reservations')
    .select(['id', 'item_id', 'warehouse_id'])
    .where('status', '=', 'active')
    .where('expires_at', '<=', BigInt(now))
    .limit(500);
  if (only) query = query.where('item_id', '=', only.itemId).where('warehouse_id', '=', only.warehouseId);
  let expired = 0;
  // Ended in item order, as `post` locks balance rows, so expiry cannot deadlock with a document.
  const due = (await query.execute()).sort((a, b) => compareKeys(a, b));
  for (const { id } of due) {
    const outcome = await endReservation(trx, id, 'expired', now);
    if (outcome?.ended) expired++;
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
