import { unitCostOf, valueAtCost } from '@onhand/domain';
import { addOnHand, availableOf, removeOnHand } from './balances';
import { pick, putAway } from './bins';
import { applyConsumption, openLayer, planConsumption } from './cost-layers';
import {
  type Actor,
  type DocumentRef,
  type InboundMovement,
  InsufficientStockError,
  type Movement,
  type OutboundMovement,
  type PostedEntry,
  type ShortLine,
  type Trx,
} from './types';

/**
 * The only way on-hand stock changes. Writes one ledger entry per movement, moves the balance
 * and the FIFO cost layers with it, all in the caller's transaction. If any outbound movement is
 * not covered, it throws InsufficientStockError naming every short line, and the caller's
 * transaction rolls back whole. Returns the entries in the order of the movements.
 */
export async function post(
  trx: Trx,
  document: DocumentRef,
  actor: Actor,
  movements: readonly Movement[],
): Promise<PostedEntry[]> {
  for (const movement of movements) {
    if (movement.qty <= 0n)
      throw new RangeError(`line ${movement.line}: a movement quantity must be positive`);
  }
  const posted: PostedEntry[] = new Array(movements.length);
  const short: ShortLine[] = [];
  // Balance rows are locked in one order (item, then warehouse) whatever the order of the lines,
  // so that two documents touching the same SKUs cannot deadlock each other on PostgreSQL. The
  // sort is stable: movements of one SKU × warehouse still post in line order.
  for (const i of lockOrder(movements)) {
    const movement = movements[i];
    if (!movement) continue;
    if (movement.direction === 'in') {
      posted[i] = await postInbound(trx, document, actor, movement);
    } else {
      const entry = await postOutbound(trx, document, actor, movement);
      if (entry) posted[i] = entry;
      else
        short.push({
          line: movement.line,
          itemId: movement.itemId,
          warehouseId: movement.warehouseId,
          requested: movement.qty,
          available: await availableOf(trx, movement.itemId, movement.warehouseId),
        });
    }
  }
  if (short.length > 0) throw new InsufficientStockError(short.sort((a, b) => a.line - b.line));
  return posted;
}

/** Indices of the movements sorted by item and warehouse, keeping line order within each. */
function lockOrder(movements: readonly Movement[]): number[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return movements
    .map((_, i) => i)
    .sort((a, b) => {
      const x = movements[a];
      const y = movements[b];
      if (!x || !y) return a - b;
      return compare(x.itemId, y.itemId) || compare(x.warehouseId, y.warehouseId) || a - b;
    });
}

async function postInbound(
  trx: Trx,
  document: DocumentRef,
  actor: Actor,
  m: InboundMovement,
): Promise<PostedEntry> {
  const balanceAfter = await addOnHand(trx, m.itemId, m.warehouseId, m.qty, actor.at);
  const bin = await putAway(trx, m.itemId, m.warehouseId, m.bin ?? null, m.qty, actor.at);
  const value = m.value ?? valueAtCost(m.qty, m.unitCost);
  const unitCost = m.value === undefined ? m.unitCost : unitCostOf(m.value, m.qty);
  const seq = await insertEntry(
    trx,
    document,
    actor,
    { ...m, bin },
    { qty: m.qty, unitCost, value, balanceAfter },
  );
  await openLayer(trx, {
    itemId: m.itemId,
    warehouseId: m.warehouseId,
    entrySeq: seq,
    at: actor.at,
    qty: m.qty,
    value,
    unitCost,
    batch: m.batch ?? null,
    expiresOn: m.expiresOn ?? null,
  });
  return {
    seq,
    line: m.line,
    itemId: m.itemId,
    warehouseId: m.warehouseId,
    qty: m.qty,
    unitCost,
    value,
    balanceAfter,
    takes: [],
  };
}

async function postOutbound(
  trx: Trx,
  document: DocumentRef,
  actor: Actor,
  m: OutboundMovement,
): Promise<PostedEntry | null> {
  const balanceAfter = await removeOnHand(
    trx,
    m.itemId,
    m.warehouseId,
    m.qty,
    m.fromReserved ?? 0n,
    actor.at,
  );
  if (balanceAfter === null) return null;
  const picked = await pick(trx, m.itemId, m.warehouseId, m.bin ?? null, m.qty);
  if (!picked) return null;
  const consumption = await planConsumption(trx, m.itemId, m.warehouseId, m.qty, m.batch ?? null, m.layers);
  if (consumption.shortfall > 0n) return null;
  const unitCost = unitCostOf(consumption.value, m.qty);
  const qty = -m.qty;
  const value = -consumption.value;
  // An entry names its batch when all it took came from one (a FEFO or returned pick, say).
  const batches = new Set(consumption.takes.map((t) => t.batch));
  const batch = m.batch ?? (batches.size === 1 ? (consumption.takes[0]?.batch ?? null) : null);
  const seq = await insertEntry(
    trx,
    document,
    actor,
    { ...m, batch, bin: picked.bin },
    { qty, unitCost, value, balanceAfter },
  );
  await applyConsumption(trx, seq, consumption);
  return {
    seq,
    line: m.line,
    itemId: m.itemId,
    warehouseId: m.warehouseId,
    qty,
    unitCost,
    value,
    balanceAfter,
    takes: consumption.takes,
  };
}

async function insertEntry(
  trx: Trx,
  document: DocumentRef,
  actor: Actor,
  m: Movement,
  amounts: { qty: bigint; unitCost: bigint; value: bigint; balanceAfter: bigint },
): Promise<bigint> {
  const row = await trx
    .insertInto('ledger_entries')
    .values({
      at: actor.at,
      item_id: m.itemId,
      warehouse_id: m.warehouseId,
      type: m.type,
      qty: amounts.qty,
      unit_cost: amounts.unitCost,
      value: amounts.value,
      balance_after: amounts.balanceAfter,
      batch: m.batch ?? null,
      expires_on: m.direction === 'in' ? (m.expiresOn ?? null) : null,
      bin: m.bin ?? null,
      document_type: document.type,
      document_id: document.id,
      document_line: m.line,
      user_id: actor.userId,
      reason: m.reason ?? null,
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  return row.seq;
}
