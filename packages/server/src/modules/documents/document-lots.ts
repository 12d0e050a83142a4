import { consumeFifo, type Quantity } from '@onhand/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { type OpenLayer, withLots } from '../../ledger/cost-layers';
import type { InboundMovement, LotTake, Trx } from '../../ledger/types';

/**
 * What goods a document carries: `in_transit` on a transfer between shipping and receiving,
 * `returnable` on a sales order once shipped. Each lot keeps the batch, expiry and exact cost the
 * goods left with, so that they come in again at that cost.
 */
export type LotKind = 'in_transit' | 'returnable';

/** Which document line a lot belongs to and where it is headed (or came from). */
export interface LotOwner {
  documentId: string;
  line: bigint;
  kind: LotKind;
  itemId: string;
  warehouseId: string;
}

/** Keeps the takes of an outbound entry as lots of a document line. */
export async function keepLots(trx: Trx, owner: LotOwner, takes: readonly LotTake[]): Promise<void> {
  if (takes.length === 0) return;
  await trx
    .insertInto('document_lots')
    .values(
      takes.map((t) => ({
        document_id: owner.documentId,
        line_no: owner.line,
        kind: owner.kind,
        item_id: owner.itemId,
        warehouse_id: owner.warehouseId,
        batch: t.batch,
        expires_on: t.expiresOn,
        unit_cost: t.unitCost,
        qty_remaining: t.qty,
        value_remaining: t.value,
      })),
    )
    .execute();
}

async function openLots(trx: Trx, documentId: string, line: bigint, kind: LotKind): Promise<OpenLayer[]> {
  const rows = await trx
    .selectFrom('document_lots')
    .select(['seq', 'qty_remaining', 'value_remaining', 'unit_cost', 'batch', 'expires_on'])
    .where('document_id', '=', documentId)
    .where('line_no', '=', line)
    .where('kind', '=', kind)
    .where('qty_remaining', '>', 0n)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    id: String(r.seq),
    qtyRemaining: r.qty_remaining,
    valueRemaining: r.value_remaining,
    unitCost: r.unit_cost,
    batch: r.batch,
    expiresOn: r.expires_on,
  }));
}

/**
 * Takes `qty` out of a line's lots, oldest first, and returns the takes with their batch, expiry
 * and value (an emptied lot gives exactly what it held). Throws if the lots hold less.
 */
export async function takeLots(
  trx: Trx,
  documentId: string,
  line: bigint,
  kind: LotKind,
  qty: Quantity,
): Promise<LotTake[]> {
  const lots = await openLots(trx, documentId, line, kind);
  const consumption = withLots(consumeFifo(lots, qty), lots);
  if (consumption.shortfall > 0n) throw new Error(`line ${line} of ${documentId} carries less than ${qty}`);
  for (const t of consumption.takes) {
    await trx
      .updateTable('document_lots')
      .set({
        qty_remaining: sql`qty_remaining - ${t.qty}`,
        value_remaining: sql`value_remaining - ${t.value}`,
      })
      .where('seq', '=', BigInt(t.layerId))
      .execute();
  }
  return consumption.takes;
}

/** What each line of a document still carries, by line number. */
export async function lotsByLine(
  db: Kysely<DB>,
  documentId: string,
  kind: LotKind,
): Promise<Map<bigint, Quantity>> {
  const rows = await db
    .selectFrom('document_lots')
    .select((eb) => ['line_no', eb.fn.sum<bigint>('qty_remaining').as('qty')])
    .where('document_id', '=', documentId)
    .where('kind', '=', kind)
    .groupBy('line_no')
    .execute();
  return new Map(rows.map((r) => [r.line_no, BigInt(r.qty)]));
}

/** Inbound movements that bring taken lots in at the cost, batch and expiry they carried. */
export function lotsComingIn(
  takes: readonly LotTake[],
  base: Pick<InboundMovement, 'type' | 'line' | 'itemId' | 'warehouseId' | 'bin' | 'reason'>,
): InboundMovement[] {
  return takes.map((t) => ({
    ...base,
    direction: 'in',
    qty: t.qty,
    unitCost: t.unitCost,
    value: t.value,
    batch: t.batch,
    expiresOn: t.expiresOn,
  }));
}
