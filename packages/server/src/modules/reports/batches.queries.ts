import type { BatchStockRow, ExpiringRow } from '@onhand/contracts';
import { businessDateOf } from '@onhand/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { matching, type WarehouseScope } from './report-filters';
import { LAST, sortedPage } from './sorted-page';

const DAY_MS = 86_400_000;

/** The business date `days` after a business date. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one business date to another (negative when `to` is earlier). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

type Paging = { limit?: number | undefined; cursor?: string | undefined };

/**
 * Stock per batch and expiry date, read from the open FIFO cost layers: they hold exactly the
 * quantity and value still on hand, batch by batch.
 */
export class BatchStock {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly timeZone: string,
    private readonly clock: () => number,
  ) {}

  /** Today in the shop's time zone, by the server clock. */
  today(): string {
    return businessDateOf(this.clock(), this.timeZone);
  }

  /** Stock per batch, sorted by SKU, warehouse, expiry date (none last) and batch (none last). */
  async batches(
    query: Paging & { sku?: string | undefined; warehouse?: string | undefined; expiringWithinDays?: number },
    scope: WarehouseScope,
  ): Promise<{ items: BatchStockRow[]; nextCursor: string | null }> {
    const until =
      query.expiringWithinDays === undefined ? null : addDays(this.today(), query.expiringWithinDays);
    const rows = await this.openBatches({ ...query, until }, scope);
    return sortedPage(
      rows,
      query,
      4,
      (r) => [r.sku, r.warehouse, r.expiresOn ?? LAST, r.batch ?? LAST],
      (r) => r,
    );
  }

  /** Batches in stock that expire within `days` of today, already expired ones included, soonest first. */
  async expiring(
    query: Paging & { days: number; warehouse?: string | undefined },
    scope: WarehouseScope,
  ): Promise<{ items: ExpiringRow[]; nextCursor: string | null }> {
    const today = this.today();
    const rows = await this.openBatches({ ...query, until: addDays(today, query.days) }, scope);
    const dated = rows.flatMap((r) =>
      r.expiresOn === null
        ? []
        : [{ ...r, expiresOn: r.expiresOn, daysLeft: daysBetween(today, r.expiresOn) }],
    );
    return sortedPage(
      dated,
      query,
      4,
      (r) => [r.expiresOn, r.sku, r.warehouse, r.batch ?? LAST],
      (r) => r,
    );
  }

  private async openBatches(
    filters: { sku?: string | undefined; warehouse?: string | undefined; until: string | null },
    scope: WarehouseScope,
  ): Promise<BatchStockRow[]> {
    let q = this.db
      .selectFrom('cost_layers as l')
      .innerJoin('items', 'items.id', 'l.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'l.warehouse_id')
      .select((eb) => [
        'items.sku',
        'l.item_id',
        'warehouses.code',
        'l.warehouse_id',
        'l.batch',
        'l.expires_on',
        eb.fn.sum<bigint>('l.qty_remaining').as('qty'),
        eb.fn.sum<bigint>('l.value_remaining').as('value'),
      ])
      // A literal 0, so that the partial index on open layers applies.
      .where(sql<boolean>`l.qty_remaining > 0`)
      .where(matching(filters, scope))
      .groupBy(['items.sku', 'l.item_id', 'warehouses.code', 'l.warehouse_id', 'l.batch', 'l.expires_on']);
    if (filters.until !== null) q = q.where('l.expires_on', '<=', filters.until);
    return (await q.execute()).map((r) => ({
      sku: r.sku,
      itemId: r.item_id,
      warehouse: r.code,
      warehouseId: r.warehouse_id,
      batch: r.batch,
      expiresOn: r.expires_on,
      qty: qtyOut(BigInt(r.qty)),
      value: moneyOut(BigInt(r.value)),
    }));
  }
}
