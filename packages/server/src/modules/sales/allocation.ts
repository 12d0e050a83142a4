import { sql } from 'kysely';
import { InsufficientStockError, type Trx } from '../../ledger/types';
import type { WarehouseScope } from '../auth/warehouse-scope';

/** What an order needs of one SKU. */
interface Need {
  itemId: string;
  sku: string;
  qty: bigint;
}

/**
 * The allocation policy for an order that names no warehouse: among the active warehouses that can
 * fill every line, the one with the most of these SKUs available (it keeps stock level and ships
 * in one parcel); when none can, the one with the most, so that the refusal names what it lacks.
 * Only warehouses the person works in are candidates. A pure read: the guarded reservations
 * that follow decide, so a race cannot oversell.
 */
export async function pickWarehouse(
  trx: Trx,
  lines: readonly Need[],
  scope: WarehouseScope,
): Promise<string> {
  const needs = new Map<string, bigint>();
  for (const l of lines) needs.set(l.itemId, (needs.get(l.itemId) ?? 0n) + l.qty);
  const rows = await trx
    .selectFrom('stock_balances as b')
    .innerJoin('warehouses as w', 'w.id', 'b.warehouse_id')
    .select([
      'b.warehouse_id',
      'b.item_id',
      'w.code',
      sql<bigint>`b.on_hand - b.reserved - b.quarantined`.as('available'),
    ])
    .where('b.item_id', 'in', [...needs.keys()])
    .where('w.active', '=', 1n)
    .$if(scope !== null, (q) => q.where('w.code', 'in', scope?.length ? [...scope] : ['']))
    .execute();
  const byWarehouse = new Map<string, { code: string; fills: boolean; total: bigint; items: number }>();
  for (const r of rows) {
    const need = needs.get(r.item_id) ?? 0n;
    const available = BigInt(r.available);
    const w = byWarehouse.get(r.warehouse_id) ?? { code: r.code, fills: true, total: 0n, items: 0 };
    w.total += available < need ? available : need;
    w.items += available >= need ? 1 : 0;
    byWarehouse.set(r.warehouse_id, w);
  }
  for (const w of byWarehouse.values()) w.fills = w.items === needs.size;
  const ranked = [...byWarehouse.entries()].sort(
    ([, a], [, b]) =>
      Number(b.fills) - Number(a.fills) ||
      (b.total > a.total ? 1 : b.total < a.total ? -1 : 0) ||
      (a.code < b.code ? -1 : 1),
  );
  const best = ranked[0];
  if (!best)
    throw new InsufficientStockError(
      lines.map((l, i) => ({
        line: i + 1,
        sku: l.sku,
        itemId: l.itemId,
        warehouseId: '',
        requested: l.qty,
        available: 0n,
      })),
    );
  return best[0];
}
