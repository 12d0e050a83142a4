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
 * The lines a stocktake starts with: one per SKU in scope (per SKU × batch for batch-tracked SKUs,
 * the batches being those of the open cost layers), each holding the on-hand quantity right now.
 * The SKUs in scope are those with a balance in the warehouse, narrowed by category and bin; named
 * SKUs are in scope even with no balance yet.
 */
export async function snapshotLines(
  trx: Trx,
  warehouseId: string,
  scope: StocktakeScope,
  namedItemIds: readonly string[] | null,
): Promise<NewLine[]> {
  let items = trx
    .selectFrom('items as i')
    .leftJoin('stock_balances as b', (join) =>
      join.onRef('b.item_id', '=', 'i.id').on('b.warehouse_id', '=', warehouseId),
    )
    .select(['i.id', 'i.batch_tracked', 'b.on_hand'])
    .orderBy('i.sku');
  items =
    namedItemIds === null
      ? items.where('b.item_id', 'is not', null)
      : items.where('i.id', 'in', namedItemIds.length > 0 ? [...namedItemIds] : ['']);
  if (scope.category !== null) items = items.where('i.category', '=', scope.category);
  const bin = scope.bin;
  if (bin !== null)
    items = items.where('i.id', 'in', (eb) =>
      eb
        .selectFrom('ledger_entries')
        .select('item_id')
        .where('warehouse_id', '=', warehouseId)
        .where('bin', '=', bin),
    );
  const rows = await items.execute();
  const batches = await batchesIn(trx, warehouseId);
  return rows.flatMap((r): NewLine[] => {
    const lots = r.batch_tracked === 1n ? batches.get(r.id) : undefined;
    if (lots && lots.length > 0)
      return lots.map((lot) => ({ item_id: r.id, batch: lot.batch, qty: lot.qty }));
    return [{ item_id: r.id, batch: null, qty: r.on_hand ?? 0n }];
  });
}

/** The batches of batch-tracked SKUs on hand in a warehouse, with their quantities, by item. */
async function batchesIn(
  trx: Trx,
  warehouseId: string,
): Promise<Map<string, { batch: string | null; qty: bigint }[]>> {
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
  const byItem = new Map<string, { batch: string | null; qty: bigint }[]>();
  for (const r of rows) {
    const lots = byItem.get(r.item_id) ?? [];
    lots.push({ batch: r.batch, qty: BigInt(r.qty) });
    byItem.set(r.item_id, lots);
  }
  return byItem;
}

/**
 * On hand of a SKU in a warehouse right now; of one batch (its open cost layers) when a batch is
 * given.
 */
export async function systemQtyOf(
  trx: Trx,
  warehouseId: string,
  itemId: string,
  batch: string | null,
): Promise<bigint> {
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
