import { type Kysely, sql } from 'kysely';
import type { MigrationFactory } from './types';

/**
 * The audit log: one row per write, each carrying the hash of the row before it, and a one-row
 * chain head (last position and hash) that every append updates in the writer's transaction.
 */
export const auditLog: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('audit_log')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('user_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('warehouse_id', 'text')
      .addColumn('to_warehouse_id', 'text')
      .addColumn('before_state', 'text')
      .addColumn('after_state', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('audit_log_entity')
      .on('audit_log')
      .columns(['entity', 'entity_id'])
      .execute();
    await db.schema.createIndex('audit_log_user').on('audit_log').column('user_id').execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    await db.schema
      .createTable('audit_chain')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into audit_chain (id, seq, hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);
  },
});
