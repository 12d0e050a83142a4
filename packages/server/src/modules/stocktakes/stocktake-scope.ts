import { sql } from 'kysely';
import type { Trx } from '../../ledger/types';
import type { NewLine } from '../documents/document-store';

/** What a stocktake counts: named SKUs, a category, a bin — or, with none of them, everything. */
export interface StocktakeScope {
  skus: string[] | null;
  category: string | null;
  bin: string | null;
}

/** What a stocktake keeps in its head's options. */
export interface StocktakeOptions {
  blind: boolean;
  scope: StocktakeScope;
}

/** True when the stocktake counts the whole warehouse (and so accepts any SKU). */
export const isFullCount = (scope: StocktakeScope): boolean =>
  scope.skus === null && scope.category === null && scope.bin === null;

/** The options of a stocktake head. */
export function stocktakeOptions(options: string | null): StocktakeOptions {
  const parsed = options ? (JSON.parse(options) as Partial<StocktakeOptions>) : {};
  return {
    blind: parsed.blind ?? false,
    scope: parsed.scope ?? { skus: null, category: null, bin: null },
  };
}

/**
 * The lines a stocktake starts with, each holding what the books say is there right now: one per
 * SKU in scope, and per SKU × batch for batch-tracked SKUs (the batches of the open cost layers).
 * The SKUs in scope are those with a balance in the warehouse — or, for a count of one bin, those
 * the bin holds (per SKU: bins do not keep batches) — narrowed by category; named SKUs are in
 * scope even with nothing on hand yet.
 */
export async function snapshotLines(
  trx: Trx,
  warehouseId: string,
  scope: StocktakeScope,
  namedItemIds: readonly string[] | null,
): Promise<NewLine[]> {
  const bin = scope.bin;
  let items = trx.selectFrom('items').select(['id', 'batch_tracked']).orderBy('sku');
  if (namedItemIds !== null)
    items = items.where('id', 'in', namedItemIds.length > 0 ? [...namedItemIds] : ['']);
  else
    items = items.where(
      'id',
      'in',
      bin === null
        ? trx.selectFrom('stock_balances').select('item_id').where('warehouse_id', '=', warehouseId)
        : trx
            .selectFrom('bin_stock')
            .select('item_id')
            .where('warehouse_id', '=', warehouseId)
            .where('bin', '=', bin)
            .where('qty', '>', 0n),
    );
  if (scope.category !== null) items = items.where('category', '=', scope.category);
  const rows = await items.execute();
  const held = await heldQuantities(trx, warehouseId, bin);
  const batches = bin === null ? await batchesIn(trx, warehouseId) : new Map<string, Lot[]>();
  return rows.flatMap((r): NewLine[] => {
    const lots = r.batch_tracked === 1n ? batches.get(r.id) : undefined;
    if (lots && lots.length > 0)
      return lots.map((lot) => ({ item_id: r.id, batch: lot.batch, bin, qty: lot.qty }));
    return [{ item_id: r.id, batch: null, bin, qty: held.get(r.id) ?? 0n }];
  });
}

/** On hand per SKU in a warehouse, or in one bin of it. */
async function heldQuantities(
  trx: Trx,
  warehouseId: string,
  bin: string | null,
): Promise<Map<string, bigint>> {
  const rows =
    bin === null
      ? await trx
          .selectFrom('stock_balances')
          .select(['item_id', 'on_hand as qty'])
          .where('warehouse_id', '=', warehouseId)
          .execute()
      : await trx
          .selectFrom('bin_stock')
          .select(['item_id', 'qty'])
          .where('warehouse_id', '=', warehouseId)
          .where('bin', '=', bin)
          .execute();
  return new Map(rows.map((r) => [r.item_id, r.qty]));
}

/** A batch on hand and how much of it. */
interface Lot {
  batch: string | null;
  qty: bigint;
}

/** The batches of batch-tracked SKUs on hand in a warehouse, with their quantities, by item. */
async function batchesIn(trx: Trx, warehouseId: string): Promise<Map<string, Lot[]>> {
  const rows = await trx
    .selectFrom('cost_layers as c')
    .innerJoin('items as i', 'i.id', 'c.item_id')
    .select((eb) => ['c.item_id', 'c.batch', eb.fn.sum<bigint>('c.qty_remaining').as('qty')])
    .where('c.warehouse_id', '=', warehouseId)
    .where('c.qty_remaining', '>', 0n)
    .where('i.batch_tracked', '=', 1n)
    .groupBy(['c.item_id', 'c.batch'])
    .orderBy('c.item_id')
    .orderBy('c.batch')
    .execute();
  const byItem = new Map<string, Lot[]>();
  for (const r of rows) {
    const lots = byItem.get(r.item_id) ?? [];
    lots.push({ batch: r.batch, qty: BigInt(r.qty) });
    byItem.set(r.item_id, lots);
  }
  return byItem;
}

/**
 * On hand of a SKU right now: in one bin when a bin is given, else of one batch (its open cost
 * layers) when a batch is given, else in the whole warehouse.
 */
export async function systemQtyOf(
  trx: Trx,
  warehouseId: string,
  itemId: string,
  at: { batch: string | null; bin: string | null },
): Promise<bigint> {
  const { batch, bin } = at;
  if (bin !== null) {
    const row = await trx
      .selectFrom('bin_stock')
      .select('qty')
      .where('item_id', '=', itemId)
      .where('warehouse_id', '=', warehouseId)
      .where('bin', '=', bin)
      .executeTakeFirst();
    return row?.qty ?? 0n;
  }
  if (batch === null) {
    const row = await trx
      .selectFrom('stock_balances')
      .select('on_hand')
      .where('item_id', '=', itemId)
      .where('warehouse_id', '=', warehouseId)
      .executeTakeFirst();
    return row?.on_hand ?? 0n;
  }
  const row = await trx
    .selectFrom('cost_layers')
    .select(sql<bigint>`coalesce(sum(qty_remaining), 0)`.as('qty'))
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where('batch', '=', batch)
    .executeTakeFirst();
  return BigInt(row?.qty ?? 0n);
}

/**
 * The cost a found unit comes back at: that of the newest cost layer of the batch (or of the SKU
 * when the batch has none) in the warehouse, with that layer's expiry; 0 when there was never one.
 */
export async function newestCost(
  trx: Trx,
  warehouseId: string,
  itemId: string,
  batch: string | null,
): Promise<{ unitCost: bigint; expiresOn: string | null }> {
  const newest = (ofBatch: string | null) => {
    let q = trx
      .selectFrom('cost_layers')
      .select(['unit_cost', 'expires_on'])
      .where('item_id', '=', itemId)
      .where('warehouse_id', '=', warehouseId);
    if (ofBatch !== null) q = q.where('batch', '=', ofBatch);
    return q.orderBy('seq', 'desc').limit(1).executeTakeFirst();
  };
  const ofBatch = batch === null ? undefined : await newest(batch);
  const row = ofBatch ?? (await newest(null));
  return { unitCost: row?.unit_cost ?? 0n, expiresOn: ofBatch?.expires_on ?? null };
}
