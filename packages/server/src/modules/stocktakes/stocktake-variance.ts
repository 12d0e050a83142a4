import { valueAtCost } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { planConsumption } from '../../ledger/cost-layers';
import type { Movement, Trx } from '../../ledger/types';
import type { LineWithItem } from '../documents/document-store';
import { newestCost } from './stocktake-scope';

/** The count lines of a stocktake in the order they were taken, with their SKU and counter. */
export function countsOf(db: Kysely<DB>, documentId: string) {
  return db
    .selectFrom('stocktake_counts as c')
    .innerJoin('items as i', 'i.id', 'c.item_id')
    .leftJoin('users as u', 'u.id', 'c.user_id')
    .selectAll('c')
    .select(['i.sku', 'u.email'])
    .where('c.document_id', '=', documentId)
    .orderBy('c.seq')
    .execute();
}
/** A count line as read. */
export type CountRow = Awaited<ReturnType<typeof countsOf>>[number];

/** What the counts say about one stocktake line (one SKU, or one SKU × batch). */
export interface LineTally {
  line: LineWithItem;
  counted: boolean;
  /** The sum of the line's counts. */
  countedQty: bigint;
  /** On hand at the line's first count: later movements are not differences. */
  systemQty: bigint;
  /** Counted − system at first count. */
  variance: bigint;
  /** The distinct reasons the counters gave. */
  reasons: string[];
}

/** What tells one stocktake line from another: the SKU and, for batch-tracked SKUs, the batch. */
export const lineKey = (itemId: string, batch: string | null): string => `${itemId}\u0000${batch ?? ''}`;

/** Adds up the counts of each line; a line without any count is uncounted (never adjusted). */
export function tally(lines: readonly LineWithItem[], counts: readonly CountRow[]): LineTally[] {
  const byKey = new Map<string, { countedQty: bigint; systemQty: bigint; reasons: string[] }>();
  for (const c of counts) {
    const key = lineKey(c.item_id, c.batch);
    const seen = byKey.get(key);
    if (!seen)
      byKey.set(key, {
        countedQty: c.counted_qty,
        systemQty: c.system_qty,
        reasons: c.reason ? [c.reason] : [],
      });
    else {
      seen.countedQty += c.counted_qty;
      if (c.reason && !seen.reasons.includes(c.reason)) seen.reasons.push(c.reason);
    }
  }
  return lines.map((line) => {
    const seen = byKey.get(lineKey(line.item_id, line.batch));
    return seen
      ? { line, counted: true, ...seen, variance: seen.countedQty - seen.systemQty }
      : { line, counted: false, countedQty: 0n, systemQty: line.qty, variance: 0n, reasons: [] };
  });
}

/** The value a line's variance would be adjusted at now: a loss at FIFO cost, a gain at the newest cost. */
export async function estimateValue(trx: Trx, warehouseId: string, t: LineTally): Promise<bigint> {
  if (t.variance < 0n) {
    const plan = await planConsumption(trx, t.line.item_id, warehouseId, -t.variance, t.line.batch);
    return -plan.value;
  }
  if (t.variance === 0n) return 0n;
  const { unitCost } = await newestCost(trx, warehouseId, t.line.item_id, t.line.batch);
  return valueAtCost(t.variance, unitCost);
}

/**
 * The adjustment that settles a line's variance: a loss goes out at FIFO cost (of its batch, from
 * its bin), a gain comes in at the newest cost of its batch or SKU, with the batch's expiry, into
 * its bin (the default bin when the count was not of one bin).
 */
export async function adjustmentOf(
  trx: Trx,
  warehouseId: string,
  t: LineTally,
  reason: string,
): Promise<Movement> {
  const common = {
    type: 'adjustment' as const,
    line: Number(t.line.line_no),
    itemId: t.line.item_id,
    warehouseId,
    batch: t.line.batch,
    bin: t.line.bin,
    reason,
  };
  if (t.variance < 0n) return { ...common, direction: 'out', qty: -t.variance };
  const { unitCost, expiresOn } = await newestCost(trx, warehouseId, t.line.item_id, t.line.batch);
  return { ...common, direction: 'in', qty: t.variance, unitCost, expiresOn };
}
