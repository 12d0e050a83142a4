import type { Kysely } from 'kysely';
import type { MigrationFactory } from './types';

/** Maker–checker: rules saying which actions need a second person or a TOTP code, and the approvals. */
export const approvals: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('approval_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('threshold', 'bigint')
      .addColumn('warehouses', 'text')
      .addColumn('second_person', 'bigint', (c) => c.notNull())
      .addColumn('require_totp', 'bigint', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('target_version', 'bigint')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text', (c) => c.references('warehouses.id'))
      .addColumn('value', 'bigint')
      .addColumn('require_totp', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('maker_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.references('users.id'))
      .addColumn('decided_at', 'bigint')
      .addColumn('reason', 'text')
      .addColumn('result', 'text')
      .addColumn('used_at', 'bigint')
      .execute();
    await db.schema.createIndex('approvals_status').on('approvals').columns(['status', 'id']).execute();
    await db.schema
      .createIndex('approvals_target')
      .on('approvals')
      .columns(['target_id', 'status'])
      .execute();
  },
});
