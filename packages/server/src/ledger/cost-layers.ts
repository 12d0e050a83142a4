import { type CostLayer, consumeFifo, type FifoConsumption, type Money, type Quantity } from '@onhand/domain';
import { sql } from 'kysely';
import type { LayerChoice, LotTake, Trx } from './types';

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

/** An open cost layer with the batch and expiry of the goods in it. */
export interface OpenLayer extends CostLayer {
  batch: string | null;
  expiresOn: string | null;
}

/**
 * The open layers of a SKU in a warehouse in the order an outbound movement takes them: oldest
 * first (FIFO), soonest to expire first (FEFO, undated last), or only those some receipts opened;
 * only of one batch when one is given.
 */
export async function openLayers(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  batch: string | null,
  choice: LayerChoice = { kind: 'fifo' },
): Promise<OpenLayer[]> {
  let query = trx
    .selectFrom('cost_layers')
    .select(['seq', 'qty_remaining', 'value_remaining', 'unit_cost', 'batch', 'expires_on'])
    .where('item_id', '=', itemId)
    .where('warehouse_id', '=', warehouseId)
    .where('qty_remaining', '>', 0n);
  if (batch !== null) query = query.where('batch', '=', batch);
  if (choice.kind === 'entries') {
    if (choice.seqs.length === 0) return [];
    query = query.where('entry_seq', 'in', [...choice.seqs]);
  }
  if (choice.kind === 'fefo')
    query = query.orderBy(sql`expires_on is null`).orderBy('expires_on').orderBy('seq');
  else query = query.orderBy('seq');
  const rows = await query.execute();
  return rows.map((r) => ({
    id: String(r.seq),
    qtyRemaining: r.qty_remaining,
    valueRemaining: r.value_remaining,
    unitCost: r.unit_cost,
    batch: r.batch,
    expiresOn: r.expires_on,
  }));
}

/** A planned consumption whose takes carry their layers' batch and expiry. */
export interface LotConsumption extends FifoConsumption {
  takes: LotTake[];
}

/** Plans taking `qty` out of the layers, in the order of the choice, without writing. */
export async function planConsumption(
  trx: Trx,
  itemId: string,
  warehouseId: string,
  qty: Quantity,
  batch: string | null,
  choice?: LayerChoice,
): Promise<LotConsumption> {
  const layers = await openLayers(trx, itemId, warehouseId, batch, choice);
  return withLots(consumeFifo(layers, qty), layers);
}

/** Puts the batch and expiry of each layer on the takes out of it. */
export function withLots(
  consumption: FifoConsumption,
  layers: readonly { id: string; batch: string | null; expiresOn: string | null }[],
): LotConsumption {
  const byId = new Map(layers.map((l) => [l.id, l]));
  return {
    ...consumption,
    takes: consumption.takes.map((t) => ({
      ...t,
      batch: byId.get(t.layerId)?.batch ?? null,
      expiresOn: byId.get(t.layerId)?.expiresOn ?? null,
    })),
  };
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
