import type { Quantity } from '@onhand/domain';
import { sql } from 'kysely';
import type { Trx } from './types';

/** Available stock of a SKU in a warehouse (0 when it has never had any). */
export async function availableOf(trx: Trx, itemId: string, warehouseId: string): Promise<Quantity> {
  const row = await trx
    .selectFrom('stock_balances')
    .select(sql<bigint>`on_hand - reserved - quarantined`.as('available'))
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .executeTakeFirst();
  return row?.available ?? 0n;
}

/** Adds to on hand, creating the balance row on first receipt; returns the new on hand. */
export async function addOnHand(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  qty: Quantity,
  at: number,
): Promise<Quantity> {
  const row = await trx
    .insertInto('stock_balances')
    .values({ item_id: itemId, warehouse_id: warehouseId, on_hand: qty, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['item_id', 'warehouse_id']).doUpdateSet({
        on_hand: sql`stock_balances.on_hand + ${qty}`,
        updated_at: at,
      }),
    )
    .returning('on_hand')
    .executeTakeFirstOrThrow();
  return row.on_hand;
}

/**
 * Takes stock out of on hand — and out of reserved when it was reserved for this — in one
 * guarded statement: it changes nothing unless what stays is still covered. Returns the new on
 * hand, or null when the stock was not there.
 */
export async function removeOnHand(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  qty: Quantity,
  fromReserved: Quantity,
  at: number,
): Promise<Quantity | null> {
  const row = await trx
    .updateTable('stock_balances')
    .set({
      on_hand: sql`on_hand - ${qty}`,
      reserved: sql`reserved - ${fromReserved}`,
      updated_at: at,
    })
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where('reserved', '>=', fromReserved)
    .where(sql<boolean>`on_hand - ${qty} - (reserved - ${fromReserved}) - quarantined >= 0`)
    .returning('on_hand')
    .executeTakeFirst();
  return row?.on_hand ?? null;
}

/**
 * Reserves stock in one guarded statement — the check and the write cannot be separated, so two
 * concurrent reservations can never both take the last unit. Returns false when not available.
 */
export async function reserveGuarded(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  qty: Quantity,
  at: number,
): Promise<boolean> {
  const result = await trx
    .updateTable('stock_balances')
    .set({ reserved: sql`reserved + ${qty}`, updated_at: at })
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where(sql<boolean>`on_hand - reserved - quarantined >= ${qty}`)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives reserved stock back to available. */
export async function unreserve(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  qty: Quantity,
  at: number,
): Promise<void> {
  const result = await trx
    .updateTable('stock_balances')
    .set({ reserved: sql`reserved - ${qty}`, updated_at: at })
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where('reserved', '>=', qty)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n)
    throw new Error(`reserved stock of ${itemId} in ${warehouseId} is below ${qty}`);
}

/** The balance columns that are not on hand: they move with documents, not with ledger entries. */
export type SideQuantity = 'in_transit' | 'incoming' | 'quarantined';

/**
 * Moves one of the side quantities of a balance by `delta` (creating the row when stock first
 * heads to a warehouse). Guarded in the statement: it never goes below 0, and quarantine never
 * takes more than is available. Returns false when the guard refused.
 */
export async function shiftSideQuantity(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  column: SideQuantity,
  delta: Quantity,
  at: number,
): Promise<boolean> {
  if (delta === 0n) return true;
  await trx
    .insertInto('stock_balances')
    .values({ item_id: itemId, warehouse_id: warehouseId, updated_at: at })
    .onConflict((oc) => oc.columns(['item_id', 'warehouse_id']).doNothing())
    .execute();
  let update = trx
    .updateTable('stock_balances')
    .set({ [column]: sql`${sql.ref(column)} + ${delta}`, updated_at: at })
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where(sql<boolean>`${sql.ref(column)} + ${delta} >= 0`);
  if (column === 'quarantined' && delta > 0n)
    update = update.where(sql<boolean>`on_hand - reserved - quarantined >= ${delta}`);
  const result = await update.executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Makes sure a SKU has a balance row in a warehouse (all zero when new), so that it is listed
 * there before it has ever held stock — e.g. once a safety stock is set. Changes no quantity.
 */
export async function ensureBalanceRow(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  at: number,
): Promise<void> {
  await trx
    .insertInto('stock_balances')
    .values({ item_id: itemId, warehouse_id: warehouseId, updated_at: at })
    .onConflict((oc) => oc.columns(['item_id', 'warehouse_id']).doNothing())
    .execute();
}
