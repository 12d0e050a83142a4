import type { LedgerEntryType, MovementRow, movementQuery } from '@onhand/contracts';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { sortedPage } from './sorted-page';
import { inScope, type WarehouseScope } from './warehouse-scope';

/** The report's figures as stored integers (thousandths of a unit, ten-thousandths of money). */
export interface StoredFigures {
  openingQty: bigint;
  openingValue: bigint;
  inQty: bigint;
  inValue: bigint;
  outQty: bigint;
  outValue: bigint;
}

/** One SKU × warehouse of the report as stored integers, with in and out per ledger type. */
export interface StoredMovement extends StoredFigures {
  sku: string;
  itemId: string;
  warehouse: string;
  warehouseId: string;
  inByType: Map<string, { qty: bigint; value: bigint }>;
  outByType: Map<string, { qty: bigint; value: bigint }>;
}

/** A page of the 进销存 report and the totals of all its rows. */
export interface MovementPage {
  items: MovementRow[];
  nextCursor: string | null;
  totals: ReturnType<typeof figuresOut>;
}

const FIGURES = ['openingQty', 'openingValue', 'inQty', 'inValue', 'outQty', 'outValue'] as const;

const zero = (): StoredFigures => ({
  openingQty: 0n,
  openingValue: 0n,
  inQty: 0n,
  inValue: 0n,
  outQty: 0n,
  outValue: 0n,
});

/** The report's figures in API form, closing = opening + in − out. */
function figuresOut(f: StoredFigures) {
  return {
    openingQty: qtyOut(f.openingQty),
    openingValue: moneyOut(f.openingValue),
    inQty: qtyOut(f.inQty),
    inValue: moneyOut(f.inValue),
    outQty: qtyOut(f.outQty),
    outValue: moneyOut(f.outValue),
    closingQty: qtyOut(f.openingQty + f.inQty - f.outQty),
    closingValue: moneyOut(f.openingValue + f.inValue - f.outValue),
  };
}

function byTypeOut(amounts: Map<string, { qty: bigint; value: bigint }>) {
  const out: Partial<Record<LedgerEntryType, { qty: number; value: number }>> = {};
  for (const [type, a] of amounts)
    out[type as LedgerEntryType] = { qty: qtyOut(a.qty), value: moneyOut(a.value) };
  return out;
}

function addTo(
  amounts: Map<string, { qty: bigint; value: bigint }>,
  type: string,
  qty: bigint,
  value: bigint,
) {
  if (qty === 0n && value === 0n) return;
  const a = amounts.get(type);
  if (a) {
    a.qty += qty;
    a.value += value;
  } else amounts.set(type, { qty, value });
}

/**
 * The 进销存 report (opening, in, out, closing per SKU × warehouse for a period) summed from the
 * ledger in one pass, so that it ties out to the ledger, to the valuation and to itself: the
 * closing of one period is the opening of the next.
 */
export class MovementReport {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every row of the report for a half-open period [from, to), sorted by SKU and warehouse. */
  async rows(
    filters: Pick<z.infer<typeof movementQuery>, 'sku' | 'warehouse' | 'category'>,
    period: { from: number; to: number },
    scope: WarehouseScope,
  ): Promise<StoredMovement[]> {
    const from = BigInt(period.from);
    const inPeriod = sql<boolean>`e.at >= ${from}`;
    let q = this.db
      .selectFrom('ledger_entries as e')
      .innerJoin('items', 'items.id', 'e.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'e.warehouse_id')
      .select([
        'items.sku',
        'e.item_id',
        'warehouses.code',
        'e.warehouse_id',
        'e.type',
        sql<bigint>`sum(case when e.at < ${from} then e.qty else 0 end)`.as('opening_qty'),
        sql<bigint>`sum(case when e.at < ${from} then e.value else 0 end)`.as('opening_value'),
        sql<bigint>`sum(case when ${inPeriod} and e.qty > 0 then e.qty else 0 end)`.as('in_qty'),
        sql<bigint>`sum(case when ${inPeriod} and e.qty > 0 then e.value else 0 end)`.as('in_value'),
        sql<bigint>`sum(case when ${inPeriod} and e.qty < 0 then -e.qty else 0 end)`.as('out_qty'),
        sql<bigint>`sum(case when ${inPeriod} and e.qty < 0 then -e.value else 0 end)`.as('out_value'),
      ])
      .where('e.at', '<', BigInt(period.to))
      .groupBy(['items.sku', 'e.item_id', 'warehouses.code', 'e.warehouse_id', 'e.type']);
    if (filters.sku) q = q.where('items.sku', '=', filters.sku);
    if (filters.warehouse) q = q.where('warehouses.code', '=', filters.warehouse);
    if (filters.category) q = q.where('items.category', '=', filters.category);
    if (scope) q = q.where(inScope(scope));
    const byKey = new Map<string, StoredMovement>();
    for (const r of await q.execute()) {
      const key = `${r.item_id}\u0000${r.warehouse_id}`;
      let row = byKey.get(key);
      if (!row) {
        row = {
          sku: r.sku,
          itemId: r.item_id,
          warehouse: r.code,
          warehouseId: r.warehouse_id,
          ...zero(),
          inByType: new Map(),
          outByType: new Map(),
        };
        byKey.set(key, row);
      }
      row.openingQty += BigInt(r.opening_qty);
      row.openingValue += BigInt(r.opening_value);
      row.inQty += BigInt(r.in_qty);
      row.inValue += BigInt(r.in_value);
      row.outQty += BigInt(r.out_qty);
      row.outValue += BigInt(r.out_value);
      addTo(row.inByType, r.type, BigInt(r.in_qty), BigInt(r.in_value));
      addTo(row.outByType, r.type, BigInt(r.out_qty), BigInt(r.out_value));
    }
    // A row with nothing at the start and no movement in the period says nothing.
    return [...byKey.values()].filter(
      (r) => r.openingQty !== 0n || r.openingValue !== 0n || r.inQty !== 0n || r.outQty !== 0n,
    );
  }

  /** A page of the report for a half-open period, with totals over every row the filters match. */
  async page(
    query: z.infer<typeof movementQuery>,
    period: { from: number; to: number },
    scope: WarehouseScope,
  ): Promise<MovementPage> {
    const rows = await this.rows(query, period, scope);
    const totals = zero();
    for (const r of rows) for (const f of FIGURES) totals[f] += r[f];
    const page = sortedPage(
      rows,
      query,
      2,
      (r) => [r.sku, r.warehouse],
      (r) => ({
        sku: r.sku,
        itemId: r.itemId,
        warehouse: r.warehouse,
        warehouseId: r.warehouseId,
        ...figuresOut(r),
        inByType: byTypeOut(r.inByType),
        outByType: byTypeOut(r.outByType),
      }),
    );
    return { ...page, totals: figuresOut(totals) };
  }
}
