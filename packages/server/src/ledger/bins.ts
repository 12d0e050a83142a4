import type { Quantity } from '@onhand/domain';
import { sql } from 'kysely';
import type { Trx } from './types';

/** The bin unplaced goods go to in a warehouse that has not flagged another one as its default. */
export const DEFAULT_BIN = 'DEFAULT';

/** The code of a warehouse's default bin. */
export async function defaultBin(trx: Trx, warehouseId: string): Promise<string> {
  const row = await trx
    .selectFrom('bins')
    .select('code')
    .where('warehouse_id', '=', warehouseId)
    .where('is_default', '=', 1n)
    .executeTakeFirst();
  return row?.code ?? DEFAULT_BIN;
}

/** Makes sure a bin exists: a bin named on a document is created on first use. */
export async function ensureBin(trx: Trx, warehouseId: string, code: string, at: number): Promise<void> {
  await trx
    .insertInto('bins')
    .values({ warehouse_id: warehouseId, code, name: null, created_at: at })
    .onConflict((oc) => oc.columns(['warehouse_id', 'code']).doNothing())
    .execute();
}

/** Puts goods away into a bin (the default one when none is named); returns the bin's code. */
export async function putAway(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  bin: string | null,
  qty: Quantity,
  at: number,
): Promise<string> {
  const code = bin ?? (await defaultBin(trx, warehouseId));
  await ensureBin(trx, warehouseId, code, at);
  await trx
    .insertInto('bin_stock')
    .values({ item_id: itemId, warehouse_id: warehouseId, bin: code, qty })
    .onConflict((oc) =>
      oc.columns(['item_id', 'warehouse_id', 'bin']).doUpdateSet({ qty: sql`bin_stock.qty + ${qty}` }),
    )
    .execute();
  return code;
}

/** Takes from one bin in one guarded statement; false when it holds less. */
async function takeFromBin(trx: Trx, itemId: string, warehouseId: string, bin: string, qty: Quantity) {
  const result = await trx
    .updateTable('bin_stock')
    .set({ qty: sql`qty - ${qty}` })
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where('bin', '=', bin)
    .where('qty', '>=', qty)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Picks goods out of bins: out of the named bin, or else out of the bins that hold the SKU in bin
 * order. Returns the bin they came from (null when from several), or false when the named bin
 * (or all bins together) hold less.
 */
export async function pick(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  bin: string | null,
  qty: Quantity,
): Promise<{ bin: string | null } | false> {
  if (bin !== null) return (await takeFromBin(trx, itemId, warehouseId, bin, qty)) ? { bin } : false;
  const held = await trx
    .selectFrom('bin_stock')
    .select(['bin', 'qty'])
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where('qty', '>', 0n)
    .orderBy('bin')
    .execute();
  let left = qty;
  const used: string[] = [];
  for (const row of held) {
    if (left === 0n) break;
    const take = row.qty < left ? row.qty : left;
    if (!(await takeFromBin(trx, itemId, warehouseId, row.bin, take))) return false;
    used.push(row.bin);
    left -= take;
  }
  if (left > 0n) return false;
  return { bin: used.length === 1 ? (used[0] ?? null) : null };
}

/** Moves goods between two bins of a warehouse; false (nothing moved) when the source holds less. */
export async function moveBetweenBins(
  trx: Trx,
  move: { itemId: string; warehouseId: string; from: string; to: string; qty: Quantity; at: number },
): Promise<boolean> {
  if (!(await takeFromBin(trx, move.itemId, move.warehouseId, move.from, move.qty))) return false;
  await putAway(trx, move.itemId, move.warehouseId, move.to, move.qty, move.at);
  return true;
}
