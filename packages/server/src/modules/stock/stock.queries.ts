import type {
  asOfQuery,
  LedgerEntry,
  ledgerQuery,
  StockRow,
  stockQuery,
  valuationQuery,
} from '@onhand/contracts';
import { endOfBusinessDate } from '@onhand/domain';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { isoOut, moneyOut, qtyOut } from '../../http/format';
import {
  afterKey,
  BY_SKU_AND_WAREHOUSE,
  DEFAULT_LIMIT,
  decodeCursor,
  keysetPage,
  toPage,
} from '../../http/pagination';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { contains } from '../master-data';
import { matching } from '../reports/report-filters';

/** A page of valued stock with the total value of every row the filters match. */
export interface ValuedPage {
  items: {
    sku: string;
    itemId: string;
    warehouse: string;
    warehouseId: string;
    qty: number;
    value: number;
  }[];
  nextCursor: string | null;
  totalValue: number;
}

/** Read models over balances and the ledger: stock list, ledger history, stock as of a date, valuation. */
export class StockQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly timeZone: string,
  ) {}

  /**
   * One row per SKU × warehouse that has ever held stock (or has a safety stock set), with the
   * five quantities and how available compares with the safety stock.
   */
  async stock(
    query: z.infer<typeof stockQuery>,
    scope: WarehouseScope,
  ): Promise<{ items: StockRow[]; nextCursor: string | null }> {
    let q = this.db
      .selectFrom('stock_balances as b')
      .innerJoin('items', 'items.id', 'b.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'b.warehouse_id')
      .leftJoin('stock_levels as l', (join) =>
        join.onRef('l.item_id', '=', 'b.item_id').onRef('l.warehouse_id', '=', 'b.warehouse_id'),
      )
      .select([
        'items.sku',
        'items.name',
        'b.item_id',
        'warehouses.code',
        'b.warehouse_id',
        'b.on_hand',
        'b.reserved',
        'b.quarantined',
        'b.in_transit',
        'b.incoming',
        'l.safety_stock',
      ]);
    if (query.sku) q = q.where('items.sku', '=', query.sku);
    if (query.warehouse) q = q.where('warehouses.code', '=', query.warehouse);
    q = q.where(matching({ category: query.category }, scope));
    if (query.region) q = q.where('warehouses.region', '=', query.region);
    if (query.belowSafetyStock === true)
      q = q.where(sql<boolean>`b.on_hand - b.reserved - b.quarantined < l.safety_stock`);
    if (query.q) {
      const search = query.q;
      q = q.where((eb) =>
        eb.or([
          contains('items.sku', search),
          contains('items.name', search),
          eb(
            'items.id',
            'in',
            eb.selectFrom('item_barcodes').select('item_id').where('barcode', '=', search),
          ),
        ]),
      );
    }
    return keysetPage(q, BY_SKU_AND_WAREHOUSE, query, (r): StockRow => {
      const available = r.on_hand - r.reserved - r.quarantined;
      return {
        sku: r.sku,
        itemId: r.item_id,
        name: r.name,
        warehouse: r.code,
        warehouseId: r.warehouse_id,
        onHand: qtyOut(r.on_hand),
        reserved: qtyOut(r.reserved),
        quarantined: qtyOut(r.quarantined),
        available: qtyOut(available),
        inTransit: qtyOut(r.in_transit),
        incoming: qtyOut(r.incoming),
        safetyStock: r.safety_stock === null ? null : qtyOut(r.safety_stock),
        belowSafetyStock: r.safety_stock !== null && available < r.safety_stock,
      };
    });
  }

  /** Ledger entries, newest first. */
  async ledger(
    query: z.infer<typeof ledgerQuery>,
    bounds: { from: number | null; to: number | null },
    scope: WarehouseScope,
  ): Promise<{ items: LedgerEntry[]; nextCursor: string | null }> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string']);
    let q = this.db
      .selectFrom('ledger_entries as e')
      .innerJoin('items', 'items.id', 'e.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'e.warehouse_id')
      .leftJoin('users', 'users.id', 'e.user_id')
      .selectAll('e')
      .select(['items.sku', 'warehouses.code', 'users.email']);
    if (query.sku) q = q.where('items.sku', '=', query.sku);
    if (query.warehouse) q = q.where('warehouses.code', '=', query.warehouse);
    if (query.type) q = q.where('e.type', '=', query.type);
    q = q.where(matching({}, scope));
    if (query.documentType) q = q.where('e.document_type', '=', query.documentType);
    if (query.documentId) q = q.where('e.document_id', '=', query.documentId);
    if (bounds.from !== null) q = q.where('e.at', '>=', BigInt(bounds.from));
    if (bounds.to !== null) q = q.where('e.at', '<', BigInt(bounds.to));
    if (after) q = q.where('e.seq', '<', BigInt(String(after[0])));
    const rows = await q
      .orderBy('e.seq', 'desc')
      .limit(limit + 1)
      .execute();
    return toPage(
      rows,
      limit,
      (r) => [String(r.seq)],
      (r) => ({
        id: String(r.seq),
        at: isoOut(r.at),
        sku: r.sku,
        itemId: r.item_id,
        warehouse: r.code,
        warehouseId: r.warehouse_id,
        type: r.type as LedgerEntry['type'],
        qty: qtyOut(r.qty),
        unitCost: moneyOut(r.unit_cost),
        value: moneyOut(r.value),
        balanceAfter: qtyOut(r.balance_after),
        batch: r.batch,
        expiresOn: r.expires_on,
        bin: r.bin,
        document: { type: r.document_type, id: r.document_id, line: Number(r.document_line) },
        reason: r.reason,
        user: r.user_id && r.email ? { id: r.user_id, email: r.email } : null,
      }),
    );
  }

  /** Quantity and value per SKU × warehouse at the end of a business date: sums of the ledger up to then. */
  asOf(query: z.infer<typeof asOfQuery>, scope: WarehouseScope): Promise<ValuedPage> {
    return this.valued({ ...query, date: query.date }, scope);
  }

  /**
   * FIFO valuation at the end of a date (now by default), summed from the ledger. It equals the
   * value of the remaining cost layers, because every entry's value is exactly what it added to
   * or took from them; `verify` proves it.
   */
  valuation(query: z.infer<typeof valuationQuery>, scope: WarehouseScope): Promise<ValuedPage> {
    return this.valued(query, scope);
  }

  private async valued(
    query: {
      date?: string | undefined;
      warehouse?: string | undefined;
      sku?: string | undefined;
      limit?: number | undefined;
      cursor?: string | undefined;
    },
    scope: WarehouseScope,
  ): Promise<ValuedPage> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeCursor(query.cursor, ['string', 'string']);
    const until = query.date ? BigInt(endOfBusinessDate(query.date, this.timeZone)) : null;
    let q = this.db
      .selectFrom('ledger_entries as e')
      .innerJoin('items', 'items.id', 'e.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'e.warehouse_id')
      .select((eb) => [
        'items.sku',
        'e.item_id',
        'warehouses.code',
        'e.warehouse_id',
        eb.fn.sum<bigint>('e.qty').as('qty'),
        eb.fn.sum<bigint>('e.value').as('value'),
      ])
      .groupBy(['items.sku', 'e.item_id', 'warehouses.code', 'e.warehouse_id']);
    if (until !== null) q = q.where('e.at', '<', until);
    if (query.warehouse) q = q.where('warehouses.code', '=', query.warehouse);
    if (query.sku) q = q.where('items.sku', '=', query.sku);
    q = q.where(matching({}, scope));
    const filtered = q.having((eb) =>
      eb.or([eb(eb.fn.sum('e.qty'), '<>', 0), eb(eb.fn.sum('e.value'), '<>', 0)]),
    );
    let paged = filtered;
    if (after) paged = paged.where(afterKey(['items.sku', 'warehouses.code'], after));
    const rows = await paged
      .orderBy('items.sku')
      .orderBy('warehouses.code')
      .limit(limit + 1)
      .execute();
    const total = await this.db
      .selectFrom(filtered.as('t'))
      .select((eb) => eb.fn.coalesce(eb.fn.sum<bigint>('t.value'), sql<bigint>`0`).as('total'))
      .executeTakeFirstOrThrow();
    const page = toPage(
      rows,
      limit,
      (r) => [r.sku, r.code],
      (r) => ({
        sku: r.sku,
        itemId: r.item_id,
        warehouse: r.code,
        warehouseId: r.warehouse_id,
        qty: qtyOut(BigInt(r.qty)),
        value: moneyOut(BigInt(r.value)),
      }),
    );
    return { ...page, totalValue: moneyOut(BigInt(total.total)) };
  }
}
