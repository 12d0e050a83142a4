import type { Kysely } from 'kysely';
import type { MigrationFactory } from './types';

/** Custom roles, and what a sign-in needs to lock an account after repeated failures. */
export const people: MigrationFactory = () => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('roles')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('description', 'text')
      .addColumn('permissions', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('users')
      .addColumn('failed_logins', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('users').addColumn('locked_until', 'bigint').execute();
    await db.schema.alterTable('users').addColumn('last_login_at', 'bigint').execute();
    await db.schema
      .alterTable('users')
      .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(1))
      .execute();
  },
});
