import type { stockLevel, stockLevelQuery, stockLevelSet } from '@onhand/contracts';
import { qty as toQty } from '@onhand/domain';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema';
import { isoOut, qtyOut } from '../../http/format';
import { BY_SKU_AND_WAREHOUSE, keysetPage } from '../../http/pagination';
import { ensureBalanceRow } from '../../ledger/balances';
import type { Trx } from '../../ledger/types';
import { authorize } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import type { WarehouseScope } from '../auth/warehouse-scope';
import type { References } from '../references';
import { matching } from '../reports/report-filters';

type StockLevel = z.infer<typeof stockLevel>;

/**
 * Safety stock and min/max per SKU × warehouse (安全库存): what the stock list, the dashboard and
 * the alerts compare the available quantity with.
 */
export class StockLevelService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly references: References,
    private readonly clock: () => number,
  ) {}

  /** Sets the levels of a SKU in a warehouse (the SKU is listed there from now on). */
  async set(trx: Trx, input: z.infer<typeof stockLevelSet>, p: Principal): Promise<StockLevel> {
    authorize(p, 'item.manage', input);
    const {
      warehouseId,
      itemIds: [itemId = ''],
    } = await this.references.resolve(
      { path: 'warehouse', code: input.warehouse },
      [{ path: 'sku', sku: input.sku }],
      trx,
    );
    const now = this.clock();
    const levels = {
      safety_stock: toQty(input.safetyStock),
      min_qty: input.min == null ? null : toQty(input.min),
      max_qty: input.max == null ? null : toQty(input.max),
      updated_at: now,
    };
    await trx
      .insertInto('stock_levels')
      .values({ item_id: itemId, warehouse_id: warehouseId, ...levels })
      .onConflict((oc) => oc.columns(['item_id', 'warehouse_id']).doUpdateSet(levels))
      .execute();
    await ensureBalanceRow(trx, itemId, warehouseId, now);
    const [level] = (await this.list({ sku: input.sku, warehouse: input.warehouse }, null, trx)).items;
    if (!level) throw new Error('a stock level just set is missing');
    return level;
  }

  /** The levels set, by SKU and warehouse, within a scope. */
  async list(query: z.infer<typeof stockLevelQuery>, scope: WarehouseScope, db: Kysely<DB> = this.db) {
    const q = db
      .selectFrom('stock_levels as l')
      .innerJoin('items', 'items.id', 'l.item_id')
      .innerJoin('warehouses', 'warehouses.id', 'l.warehouse_id')
      .select([
        'items.sku',
        'l.item_id',
        'warehouses.code',
        'l.warehouse_id',
        'l.safety_stock',
        'l.min_qty',
        'l.max_qty',
        'l.updated_at',
      ])
      .where(matching({ sku: query.sku, warehouse: query.warehouse }, scope));
    return keysetPage(
      q,
      BY_SKU_AND_WAREHOUSE,
      query,
      (r): StockLevel => ({
        sku: r.sku,
        itemId: r.item_id,
        warehouse: r.code,
        warehouseId: r.warehouse_id,
        safetyStock: qtyOut(r.safety_stock),
        min: r.min_qty === null ? null : qtyOut(r.min_qty),
        max: r.max_qty === null ? null : qtyOut(r.max_qty),
        updatedAt: isoOut(r.updated_at),
      }),
    );
  }
}
