import { type CostLayer, consumeFifo, type FifoConsumption, type Money, type Quantity } from '@onhand/domain';
import { sql } from 'kysely';
import type { Trx } from './types';

/** Opens a cost layer for a receipt-like entry. */
export async function openLayer(
  trx: Trx,
  layer: {
    itemId: string;
    warehouseId: string;
    entrySeq: bigint;
    at: number;
    qty: Quantity;
    value: Money;
    unitCost: Money;
    batch: string | null;
    expiresOn: string | null;
  },
): Promise<void> {
  await trx
    .insertInto('cost_layers')
    .values({
      item_id: layer.itemId,
      warehouse_id: layer.warehouseId,
      entry_seq: layer.entrySeq,
      received_at: layer.at,
      batch: layer.batch,
      expires_on: layer.expiresOn,
      unit_cost: layer.unitCost,
      qty_received: layer.qty,
      qty_remaining: layer.qty,
      value_remaining: layer.value,
    })
    .execute();
}

/** The open layers of a SKU in a warehouse, oldest first (only of one batch when given). */
export async function openLayers(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  batch: string | null,
): Promise<CostLayer[]> {
  let query = trx
    .selectFrom('cost_layers')
    .select(['seq', 'qty_remaining', 'value_remaining', 'unit_cost'])
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where('qty_remaining', '>', 0n);
  if (batch !== null) query = query.where('batch', '=', batch);
  const rows = await query.orderBy('seq').execute();
  return rows.map((r) => ({
    id: String(r.seq),
    qtyRemaining: r.qty_remaining,
    valueRemaining: r.value_remaining,
    unitCost: r.unit_cost,
  }));
}

/** Plans taking `qty` out of the layers, oldest first, without writing. */
export async function planConsumption(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  qty: Quantity,
  batch: string | null,
): Promise<FifoConsumption> {
  return consumeFifo(await openLayers(trx, itemId, warehouseId, batch), qty);
}

/** Writes a planned consumption: the layers shrink and each take is recorded against the entry. */
export async function applyConsumption(
  trx: Trx,
  entrySeq: bigint,
  consumption: FifoConsumption,
): Promise<void> {
  for (const take of consumption.takes) {
    const layerSeq = BigInt(take.layerId);
    await trx
      .updateTable('cost_layers')
      .set({
        qty_remaining: sql`qty_remaining - ${take.qty}`,
        value_remaining: sql`value_remaining - ${take.value}`,
      })
      .where('seq', '=', layerSeq)
      .execute();
    await trx
      .insertInto('layer_takes')
      .values({ entry_seq: entrySeq, layer_seq: layerSeq, qty: take.qty, value: take.value })
      .execute();
  }
}
