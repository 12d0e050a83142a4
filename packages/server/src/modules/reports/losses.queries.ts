import type { lossGrouping, lossReport } from '@onhand/contracts';
import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { moneyOut, qtyOut } from '../../http/format';
import { matching, type ReportFilters, type WarehouseScope } from './report-filters';

/** The ledger types finance reviews: stocktake adjustments (盘盈/盘亏), write-offs (报损), losses in transit. */
export const LOSS_TYPES = ['adjustment', 'write_off', 'loss'] as const;

const GROUP_COLUMN: Record<z.infer<typeof lossGrouping>, string> = {
  reason: 'e.reason',
  type: 'e.type',
  sku: 'items.sku',
  warehouse: 'warehouses.code',
  user: 'users.email',
};

/**
 * Loss analysis (损耗分析): the adjustment, write-off and loss entries of a period grouped by
 * reason, type, SKU, warehouse or the person who posted them, with their value at FIFO cost —
 * what finance reviews after every stocktake.
 */
export async function lossAnalysis(
  db: Kysely<DB>,
  query: ReportFilters & { groupBy: z.infer<typeof lossGrouping> },
  period: { from: number; to: number },
  scope: WarehouseScope,
): Promise<z.infer<typeof lossReport>> {
  const key = sql.ref(GROUP_COLUMN[query.groupBy]);
  const rows = await db
    .selectFrom('ledger_entries as e')
    .innerJoin('items', 'items.id', 'e.item_id')
    .innerJoin('warehouses', 'warehouses.id', 'e.warehouse_id')
    .leftJoin('users', 'users.id', 'e.user_id')
    .select((eb) => [
      sql<string | null>`${key}`.as('key'),
      eb.fn.sum<bigint>('e.qty').as('qty'),
      eb.fn.sum<bigint>('e.value').as('value'),
      eb.fn.countAll<bigint>().as('entries'),
    ])
    .where('e.type', 'in', [...LOSS_TYPES])
    .where('e.at', '>=', BigInt(period.from))
    .where('e.at', '<', BigInt(period.to))
    .where(matching(query, scope))
    .groupBy(key)
    .execute();
  const items = rows
    .map((r) => ({ key: r.key, qty: BigInt(r.qty), value: BigInt(r.value), entries: Number(r.entries) }))
    .sort((a, b) =>
      a.value < b.value ? -1 : a.value > b.value ? 1 : (a.key ?? '') < (b.key ?? '') ? -1 : 1,
    );
  const sum = (pick: (r: (typeof items)[number]) => bigint) => items.reduce((acc, r) => acc + pick(r), 0n);
  return {
    items: items.map((r) => ({
      key: r.key,
      qty: qtyOut(r.qty),
      value: moneyOut(r.value),
      entries: r.entries,
    })),
    totals: {
      qty: qtyOut(sum((r) => r.qty)),
      value: moneyOut(sum((r) => r.value)),
      entries: items.reduce((acc, r) => acc + r.entries, 0),
    },
  };
}
