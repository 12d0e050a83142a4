import { type Kysely, sql } from 'kysely';
import type { MigrationFactory } from './types';

/**
 * Bins (货位) inside warehouses, the stock in each bin, and moves between bins. What is on hand
 * before bins existed is put in each warehouse's default bin.
 */
export const bins: MigrationFactory = (dialect) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('bins')
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('is_default', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'bigint', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('bins_pk', ['warehouse_id', 'code'])
      .execute();

    await db.schema
      .createTable('bin_stock')
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('bin', 'text', (c) => c.notNull())
      .addColumn('qty', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('bin_stock_pk', ['item_id', 'warehouse_id', 'bin'])
      .addCheckConstraint('bin_stock_qty', sql`qty >= 0`)
      .execute();
    await db.schema
      .createIndex('bin_stock_bin')
      .on('bin_stock')
      .columns(['warehouse_id', 'bin', 'item_id'])
      .execute();

    const serial =
      dialect === 'sqlite'
        ? db.schema
            .createTable('bin_moves')
            .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        : db.schema
            .createTable('bin_moves')
            .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
    await serial
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('from_bin', 'text', (c) => c.notNull())
      .addColumn('to_bin', 'text', (c) => c.notNull())
      .addColumn('qty', 'bigint', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .execute();

    await sql`insert into bin_stock (item_id, warehouse_id, bin, qty)
      select item_id, warehouse_id, 'DEFAULT', on_hand from stock_balances where on_hand > 0`.execute(db);
  },
});
