import type { LedgerEntryType, MovementRow, movementQuery } from '@onhand/contracts';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { matching, type ReportFilters, type WarehouseScope } from './report-filters';
import { sortedPage } from './sorted-page';

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

/** The row of a SKU × warehouse, made empty on first sight. */
function rowOf(
  byKey: Map<string, StoredMovement>,
  r: { sku: string; item_id: string; code: string; warehouse_id: string },
): StoredMovement {
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
  return row;
}

/** The instants of the first and the last ledger entry (both read from the index on `at`). */
async function ledgerSpan(trx: Kysely<DB>): Promise<{ first: number; last: number }> {
  const span = await trx
    .selectFrom('ledger_entries')
    .select((eb) => [eb.fn.min('at').as('first'), eb.fn.max('at').as('last')])
    .executeTakeFirst();
  return { first: Number(span?.first ?? 0), last: Number(span?.last ?? 0) };
}

/**
 * Sums per SKU × warehouse × ledger type: in and out within the period, and the entries' part of
 * the opening — those before the period going forward, minus those since it began going backward.
 */
function ledgerSums(
  trx: Kysely<DB>,
  filters: ReportFilters,
  period: { from: number; to: number },
  scope: WarehouseScope,
  direction: ScanDirection,
) {
  const from = BigInt(period.from);
  const to = BigInt(period.to);
  const inPeriod = sql<boolean>`e.at >= ${from} and e.at < ${to}`;
  const forward = direction === 'forward';
  return trx
    .selectFrom('ledger_entries as e')
    .innerJoin('items', 'items.id', 'e.item_id')
    .innerJoin('warehouses', 'warehouses.id', 'e.warehouse_id')
    .select([
      'items.sku',
      'e.item_id',
      'warehouses.code',
      'e.warehouse_id',
      'e.type',
      (forward
        ? sql<bigint>`sum(case when e.at < ${from} then e.qty else 0 end)`
        : sql<bigint>`-sum(e.qty)`
      ).as('opening_qty'),
      (forward
        ? sql<bigint>`sum(case when e.at < ${from} then e.value else 0 end)`
        : sql<bigint>`-sum(e.value)`
      ).as('opening_value'),
      sql<bigint>`sum(case when ${inPeriod} and e.qty > 0 then e.qty else 0 end)`.as('in_qty'),
      sql<bigint>`sum(case when ${inPeriod} and e.qty > 0 then e.value else 0 end)`.as('in_value'),
      sql<bigint>`sum(case when ${inPeriod} and e.qty < 0 then -e.qty else 0 end)`.as('out_qty'),
      sql<bigint>`sum(case when ${inPeriod} and e.qty < 0 then -e.value else 0 end)`.as('out_value'),
    ])
    .where(forward ? sql<boolean>`e.at < ${to}` : sql<boolean>`e.at >= ${from}`)
    .where(matching(filters, scope))
    .groupBy(['items.sku', 'e.item_id', 'warehouses.code', 'e.warehouse_id', 'e.type'])
    .execute();
}

/** What each SKU × warehouse holds now: on hand from its balance, value from its open cost layers. */
function heldNow(trx: Kysely<DB>, filters: ReportFilters, scope: WarehouseScope) {
  return trx
    .selectFrom('stock_balances as b')
    .innerJoin('items', 'items.id', 'b.item_id')
    .innerJoin('warehouses', 'warehouses.id', 'b.warehouse_id')
    .select((eb) => [
      'items.sku',
      'b.item_id',
      'warehouses.code',
      'b.warehouse_id',
      'b.on_hand as qty',
      eb
        .selectFrom('cost_layers as l')
        .select(sql<bigint>`coalesce(sum(l.value_remaining), 0)`.as('value'))
        .whereRef('l.item_id', '=', 'b.item_id')
        .whereRef('l.warehouse_id', '=', 'b.warehouse_id')
        // A literal 0, so that the partial index on open layers applies; emptied layers hold no value.
        .where(sql<boolean>`l.qty_remaining > 0`)
        .$asScalar()
        .as('value'),
    ])
    .where(matching(filters, scope))
    .execute();
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
 * Which way to sum the opening: `forward` adds every entry before the period; `backward` takes
 * the stock held now (balances and open cost layers, which equal the whole ledger — `verify`
 * proves it) and removes every entry since the period began. Both give the same figures to the
 * last digit; only the number of entries read differs.
 */
export type ScanDirection = 'forward' | 'backward';

/**
 * Backward when it reads less than half the entries forward would, judging by the time the ledger
 * spans on each side: it also reads balances and layers, and measured slower per entry on
 * PostgreSQL (bench/movement-report.ts), so a near tie goes forward.
 */
export function shorterScan(
  span: { first: number; last: number },
  period: { from: number; to: number },
): ScanDirection {
  return 2 * (span.last - period.from) < period.to - span.first ? 'backward' : 'forward';
}

/**
 * The 进销存 report (opening, in, out, closing per SKU × warehouse for a period) summed from the
 * ledger in one consistent snapshot, so that it ties out to the ledger, to the valuation and to
 * itself: the closing of one period is the opening of the next.
 */
export class MovementReport {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every row of the report for a half-open period [from, to); the scan direction only changes the speed. */
  rows(
    filters: ReportFilters,
    period: { from: number; to: number },
    scope: WarehouseScope,
    direction?: ScanDirection,
  ): Promise<StoredMovement[]> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const chosen = direction ?? shorterScan(await ledgerSpan(trx), period);
        const byKey = new Map<string, StoredMovement>();
        for (const r of await ledgerSums(trx, filters, period, scope, chosen)) {
          const row = rowOf(byKey, r);
          row.openingQty += BigInt(r.opening_qty);
          row.openingValue += BigInt(r.opening_value);
          row.inQty += BigInt(r.in_qty);
          row.inValue += BigInt(r.in_value);
          row.outQty += BigInt(r.out_qty);
          row.outValue += BigInt(r.out_value);
          addTo(row.inByType, r.type, BigInt(r.in_qty), BigInt(r.in_value));
          addTo(row.outByType, r.type, BigInt(r.out_qty), BigInt(r.out_value));
        }
        if (chosen === 'backward') {
          for (const r of await heldNow(trx, filters, scope)) {
            const row = rowOf(byKey, r);
            row.openingQty += BigInt(r.qty);
            row.openingValue += BigInt(r.value);
          }
        }
        // A row with nothing at the start and no movement in the period says nothing.
        return [...byKey.values()].filter(
          (r) => r.openingQty !== 0n || r.openingValue !== 0n || r.inQty !== 0n || r.outQty !== 0n,
        );
      });
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
