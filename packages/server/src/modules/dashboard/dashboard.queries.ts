import type { Dashboard } from '@onhand/contracts';
import { businessDateOf, startOfBusinessDate } from '@onhand/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import type { WarehouseScope } from '../auth/warehouse-scope';
import { matching } from '../reports/report-filters';

const HOUR_MS = 3_600_000;
const DAYS = 30;

/** A sum as read back from either database (a string, a number or a bigint). */
const big = (v: string | number | bigint | null): bigint => BigInt(v ?? 0);

/** The business dates of the last `days` days, oldest first, ending on `today`. */
function lastDates(today: string, days: number): string[] {
  const end = new Date(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(end);
    d.setUTCDate(d.getUTCDate() - (days - 1 - i));
    return d.toISOString().slice(0, 10);
  });
}

/** The figures of the dashboard, read from balances and the ledger in a handful of grouped queries. */
export class DashboardQueries {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly timeZone: string,
    private readonly clock: () => number,
  ) {}

  /** The dashboard inside a warehouse scope; values only when `withValues`. */
  async dashboard(scope: WarehouseScope, withValues: boolean): Promise<Dashboard> {
    const today = businessDateOf(this.clock(), this.timeZone);
    const [totals, groups, last30Days] = await Promise.all([
      this.balanceTotals(scope),
      this.stockGroups(scope),
      this.dailyMovements(scope, today),
    ]);
    const value = (v: bigint) => (withValues ? moneyOut(v) : null);
    const summed = <K extends string>(key: (g: (typeof groups)[number]) => K) => {
      const sums = new Map<K, { qty: bigint; value: bigint }>();
      for (const g of groups) {
        const s = sums.get(key(g)) ?? { qty: 0n, value: 0n };
        sums.set(key(g), { qty: s.qty + g.qty, value: s.value + g.value });
      }
      return sums;
    };
    const warehouseNames = new Map(groups.map((g) => [g.warehouse, g.name]));
    const todayMoves = last30Days.at(-1);
    return {
      date: today,
      stockValue: value(groups.reduce((sum, g) => sum + g.value, 0n)),
      onHand: qtyOut(totals.onHand),
      reserved: qtyOut(totals.reserved),
      quarantined: qtyOut(totals.quarantined),
      inTransit: qtyOut(totals.inTransit),
      incoming: qtyOut(totals.incoming),
      skusInStock: totals.skusInStock,
      skusOutOfStock: totals.skusOutOfStock,
      skusBelowSafetyStock: totals.skusBelowSafetyStock,
      todayIn: todayMoves?.inQty ?? 0,
      todayOut: todayMoves?.outQty ?? 0,
      byWarehouse: [...summed((g) => g.warehouse)].map(([warehouse, s]) => ({
        warehouse,
        name: warehouseNames.get(warehouse) ?? warehouse,
        qty: qtyOut(s.qty),
        value: value(s.value),
      })),
      byCategory: [...summed((g) => g.category ?? '')].map(([category, s]) => ({
        category: category === '' ? null : category,
        qty: qtyOut(s.qty),
        value: value(s.value),
      })),
      byWarehouseAndCategory: groups.map((g) => ({
        warehouse: g.warehouse,
        category: g.category,
        qty: qtyOut(g.qty),
        value: value(g.value),
      })),
      last30Days,
    };
  }

  /** Ledger entries joined to their item and warehouse, inside a warehouse scope. */
  private ledgerInScope(scope: WarehouseScope) {
    return this.db
      .selectFrom('ledger_entries as e')
      .innerJoin('items', 'items.id', 'e.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'e.warehouse_id')
      .where(matching({}, scope));
  }

  private async balanceTotals(scope: WarehouseScope) {
    const row = await this.db
      .selectFrom('stock_balances as b')
      .innerJoin('items', 'items.id', 'b.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'b.warehouse_id')
      .leftJoin('stock_levels as l', (join) =>
        join.onRef('l.item_id', '=', 'b.item_id').onRef('l.warehouse_id', '=', 'b.warehouse_id'),
      )
      .where(matching({}, scope))
      .select((eb) => [
        eb.fn.sum<string>('b.on_hand').as('onHand'),
        eb.fn.sum<string>('b.reserved').as('reserved'),
        eb.fn.sum<string>('b.quarantined').as('quarantined'),
        eb.fn.sum<string>('b.in_transit').as('inTransit'),
        eb.fn.sum<string>('b.incoming').as('incoming'),
        sql<string>`count(distinct case when b.on_hand > 0 then b.item_id end)`.as('skusInStock'),
        sql<string>`sum(case when b.on_hand - b.reserved - b.quarantined <= 0 then 1 else 0 end)`.as(
          'skusOutOfStock',
        ),
        sql<string>`sum(case when b.on_hand - b.reserved - b.quarantined < l.safety_stock then 1 else 0 end)`.as(
          'skusBelowSafetyStock',
        ),
      ])
      .executeTakeFirstOrThrow();
    return {
      onHand: big(row.onHand),
      reserved: big(row.reserved),
      quarantined: big(row.quarantined),
      inTransit: big(row.inTransit),
      incoming: big(row.incoming),
      skusInStock: Number(row.skusInStock ?? 0),
      skusOutOfStock: Number(row.skusOutOfStock ?? 0),
      skusBelowSafetyStock: Number(row.skusBelowSafetyStock ?? 0),
    };
  }

  /** On-hand quantity and FIFO value per warehouse × category: sums of the ledger, as valuation is. */
  private async stockGroups(scope: WarehouseScope) {
    const rows = await this.ledgerInScope(scope)
      .select((eb) => [
        'warehouses.code',
        'warehouses.name',
        'items.category',
        eb.fn.sum<string>('e.qty').as('qty'),
        eb.fn.sum<string>('e.value').as('value'),
      ])
      .groupBy(['warehouses.code', 'warehouses.name', 'items.category'])
      .orderBy('warehouses.code')
      .orderBy('items.category')
      .execute();
    return rows
      .map((r) => ({
        warehouse: r.code,
        name: r.name,
        category: r.category,
        qty: big(r.qty),
        value: big(r.value),
      }))
      .filter((g) => g.qty !== 0n || g.value !== 0n);
  }

  /**
   * In and out per business date over the last 30 days. The ledger is summed per hour in SQL and
   * the hours are put on their dates here, so that days follow the time zone (also across a
   * daylight-saving change) on either database.
   */
  private async dailyMovements(scope: WarehouseScope, today: string) {
    const dates = lastDates(today, DAYS);
    const from = startOfBusinessDate(dates[0] ?? today, this.timeZone);
    const hourly = this.ledgerInScope(scope)
      .where('e.at', '>=', BigInt(from))
      .select([sql<string>`(e.at - ${from}) / ${HOUR_MS}`.as('hour'), 'e.qty']);
    const rows = await this.db
      .selectFrom(hourly.as('h'))
      .select([
        'h.hour',
        sql<string>`sum(case when h.qty > 0 then h.qty else 0 end)`.as('inQty'),
        sql<string>`sum(case when h.qty < 0 then -h.qty else 0 end)`.as('outQty'),
      ])
      .groupBy('h.hour')
      .execute();
    const byDate = new Map(dates.map((date) => [date, { inQty: 0n, outQty: 0n }]));
    for (const r of rows) {
      const date = businessDateOf(from + Number(r.hour) * HOUR_MS, this.timeZone);
      const day = byDate.get(date);
      if (!day) continue;
      day.inQty += big(r.inQty);
      day.outQty += big(r.outQty);
    }
    return dates.map((date) => {
      const day = byDate.get(date) ?? { inQty: 0n, outQty: 0n };
      return { date, inQty: qtyOut(day.inQty), outQty: qtyOut(day.outQty) };
    });
  }
}
