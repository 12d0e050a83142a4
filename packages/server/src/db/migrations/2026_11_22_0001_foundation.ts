import { type Kysely, sql } from 'kysely';
import type { MigrationFactory } from './types';

/** Users, master data, the stock ledger, balances, cost layers, reservations and receipts. */
export const foundation: MigrationFactory = (dialect) => ({
  async up(db: Kysely<unknown>) {
    const serial = (name: string) =>
      dialect === 'sqlite'
        ? db.schema.createTable(name).addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        : db.schema
            .createTable(name)
            .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());
    const now = (t: ReturnType<typeof db.schema.createTable>) =>
      t
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull());

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('warehouses', 'text')
      .addColumn('disabled', 'bigint', (c) => c.notNull().defaultTo(0))
      .$call(now)
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .execute();

    await db.schema
      .createTable('warehouses')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('active', 'bigint', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
      .$call(now)
      .execute();

    await db.schema
      .createTable('items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('sku', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('description', 'text')
      .addColumn('batch_tracked', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('expiry_tracked', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('active', 'bigint', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
      .$call(now)
      .execute();
    await db.schema.createIndex('items_category').on('items').columns(['category', 'sku']).execute();

    await db.schema
      .createTable('item_barcodes')
      .addColumn('barcode', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('position', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('item_barcodes_item').on('item_barcodes').column('item_id').execute();

    for (const table of ['suppliers', 'customers']) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact', 'text')
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('address', 'text')
        .addColumn('note', 'text')
        .addColumn('active', 'bigint', (c) => c.notNull().defaultTo(1))
        .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
        .$call(now)
        .execute();
    }

    await db.schema
      .createTable('stock_balances')
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('on_hand', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('reserved', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('quarantined', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('in_transit', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('incoming', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('stock_balances_pk', ['item_id', 'warehouse_id'])
      // The database refuses an oversell even if a code path forgot the guard.
      .addCheckConstraint(
        'stock_balances_available',
        sql`reserved >= 0 and quarantined >= 0 and in_transit >= 0 and incoming >= 0 and on_hand - reserved - quarantined >= 0`,
      )
      .execute();
    await db.schema
      .createIndex('stock_balances_warehouse')
      .on('stock_balances')
      .columns(['warehouse_id', 'item_id'])
      .execute();

    await serial('ledger_entries')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('qty', 'bigint', (c) => c.notNull())
      .addColumn('unit_cost', 'bigint', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('balance_after', 'bigint', (c) => c.notNull())
      .addColumn('batch', 'text')
      .addColumn('expires_on', 'text')
      .addColumn('bin', 'text')
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('document_line', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .execute();
    await db.schema
      .createIndex('ledger_item_wh')
      .on('ledger_entries')
      .columns(['item_id', 'warehouse_id', 'seq'])
      .execute();
    await db.schema.createIndex('ledger_at').on('ledger_entries').columns(['at', 'seq']).execute();
    await db.schema
      .createIndex('ledger_wh_at')
      .on('ledger_entries')
      .columns(['warehouse_id', 'at'])
      .execute();
    await db.schema
      .createIndex('ledger_document')
      .on('ledger_entries')
      .columns(['document_type', 'document_id'])
      .execute();

    await serial('cost_layers')
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('entry_seq', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('batch', 'text')
      .addColumn('expires_on', 'text')
      .addColumn('unit_cost', 'bigint', (c) => c.notNull())
      .addColumn('qty_received', 'bigint', (c) => c.notNull())
      .addColumn('qty_remaining', 'bigint', (c) => c.notNull())
      .addColumn('value_remaining', 'bigint', (c) => c.notNull())
      .addCheckConstraint('cost_layers_remaining', sql`qty_remaining >= 0 and qty_remaining <= qty_received`)
      .execute();
    await db.schema
      .createIndex('cost_layers_open')
      .on('cost_layers')
      .columns(['item_id', 'warehouse_id', 'seq'])
      .where(sql.ref('qty_remaining'), '>', 0)
      .execute();

    await db.schema
      .createTable('layer_takes')
      .addColumn('entry_seq', 'bigint', (c) => c.notNull())
      .addColumn('layer_seq', 'bigint', (c) => c.notNull())
      .addColumn('qty', 'bigint', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('layer_takes_pk', ['entry_seq', 'layer_seq'])
      .execute();
    await db.schema.createIndex('layer_takes_layer').on('layer_takes').column('layer_seq').execute();

    await db.schema
      .createTable('reservations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('qty', 'bigint', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('ended_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('reservations_balance')
      .on('reservations')
      .columns(['item_id', 'warehouse_id', 'status'])
      .execute();
    await db.schema
      .createIndex('reservations_expiry')
      .on('reservations')
      .column('expires_at')
      .where(sql.ref('status'), '=', 'active')
      .execute();

    await db.schema
      .createTable('receipts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('note', 'text')
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('posted_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('receipts_wh')
      .on('receipts')
      .columns(['warehouse_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('receipt_lines')
      .addColumn('receipt_id', 'text', (c) => c.notNull().references('receipts.id'))
      .addColumn('line_no', 'bigint', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('qty', 'bigint', (c) => c.notNull())
      .addColumn('unit_cost', 'bigint', (c) => c.notNull())
      .addColumn('batch', 'text')
      .addColumn('expires_on', 'text')
      .addColumn('bin', 'text')
      .addColumn('entry_seq', 'bigint')
      .addPrimaryKeyConstraint('receipt_lines_pk', ['receipt_id', 'line_no'])
      .execute();

    await serial('document_history')
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('document_history_doc')
      .on('document_history')
      .columns(['document_type', 'document_id', 'seq'])
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('status_code', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();
    await db.schema.createIndex('idempotency_keys_age').on('idempotency_keys').column('created_at').execute();
  },
});
