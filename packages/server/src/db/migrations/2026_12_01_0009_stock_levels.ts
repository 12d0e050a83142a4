import { type Kysely, sql } from 'kysely';
import type { MigrationFactory } from './types';

/** Safety stock and min/max per SKU × warehouse. */
export const stockLevels: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stock_levels')
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('safety_stock', 'bigint', (c) => c.notNull())
      .addColumn('min_qty', 'bigint')
      .addColumn('max_qty', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_levels_pk', ['item_id', 'warehouse_id'])
      .addCheckConstraint(
        'stock_levels_sane',
        sql`safety_stock >= 0 and (min_qty is null or min_qty >= 0) and (max_qty is null or max_qty >= 0) and (min_qty is null or max_qty is null or min_qty <= max_qty)`,
      )
      .execute();
  },
});
