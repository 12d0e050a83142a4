import { type Kysely, sql } from 'kysely';
import type { MigrationFactory } from './types';

/**
 * The documents that move stock (purchase and sales orders, transfers, returns, stocktakes,
 * write-offs) in one pair of tables, the lots a document carries (goods in transit, shipped goods
 * that may come back), stocktake counts, quarantine movements, and the links from reservations and
 * ledger entries to them.
 */
export const documents: MigrationFactory = (dialect) => ({
  async up(db: Kysely<unknown>) {
    const serial = (name: string) =>
      dialect === 'sqlite'
        ? db.schema.createTable(name).addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        : db.schema
            .createTable(name)
            .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity());

    await db.schema
      .createTable('document_counters')
      .addColumn('type', 'text', (c) => c.primaryKey())
      .addColumn('next', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.references('warehouses.id'))
      .addColumn('to_warehouse_id', 'text', (c) => c.references('warehouses.id'))
      .addColumn('supplier_id', 'text', (c) => c.references('suppliers.id'))
      .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
      .addColumn('related_id', 'text')
      .addColumn('channel', 'text')
      .addColumn('reference', 'text')
      .addColumn('note', 'text')
      .addColumn('reason', 'text')
      .addColumn('options', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('documents_type_created')
      .on('documents')
      .columns(['type', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('documents_type_status')
      .on('documents')
      .columns(['type', 'status'])
      .execute();
    await db.schema.createIndex('documents_related').on('documents').column('related_id').execute();

    await db.schema
      .createTable('document_lines')
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
      .addColumn('line_no', 'bigint', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('qty', 'bigint', (c) => c.notNull())
      .addColumn('unit_price', 'bigint')
      .addColumn('done_qty', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('received_qty', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('closed_qty', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('batch', 'text')
      .addColumn('expires_on', 'text')
      .addColumn('bin', 'text')
      .addColumn('reason', 'text')
      .addColumn('disposition', 'text')
      .addColumn('related_line', 'bigint')
      .addPrimaryKeyConstraint('document_lines_pk', ['document_id', 'line_no'])
      .execute();
    await db.schema
      .createIndex('document_lines_item')
      .on('document_lines')
      .columns(['item_id', 'document_id'])
      .execute();

    await serial('document_lots')
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
      .addColumn('line_no', 'bigint', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('batch', 'text')
      .addColumn('expires_on', 'text')
      .addColumn('unit_cost', 'bigint', (c) => c.notNull())
      .addColumn('qty_remaining', 'bigint', (c) => c.notNull())
      .addColumn('value_remaining', 'bigint', (c) => c.notNull())
      .addCheckConstraint('document_lots_remaining', sql`qty_remaining >= 0`)
      .execute();
    await db.schema
      .createIndex('document_lots_line')
      .on('document_lots')
      .columns(['document_id', 'line_no', 'seq'])
      .execute();

    await serial('stocktake_counts')
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('batch', 'text')
      .addColumn('bin', 'text')
      .addColumn('counted_qty', 'bigint', (c) => c.notNull())
      .addColumn('system_qty', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .execute();
    await db.schema
      .createIndex('stocktake_counts_doc')
      .on('stocktake_counts')
      .columns(['document_id', 'item_id', 'seq'])
      .execute();

    await serial('quarantine_moves')
      .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
      .addColumn('warehouse_id', 'text', (c) => c.notNull().references('warehouses.id'))
      .addColumn('qty', 'bigint', (c) => c.notNull())
      .addColumn('document_type', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .execute();

    await db.schema.alterTable('reservations').addColumn('document_id', 'text').execute();
    await db.schema.alterTable('reservations').addColumn('document_line', 'bigint').execute();
    await db.schema
      .createIndex('reservations_document')
      .on('reservations')
      .columns(['document_id', 'document_line'])
      .execute();
    await db.schema.alterTable('ledger_entries').addColumn('reason', 'text').execute();
    await db.schema
      .alterTable('suppliers')
      .addColumn('receipt_tolerance', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
  },
});
