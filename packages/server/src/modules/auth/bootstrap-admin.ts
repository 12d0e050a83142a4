import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { hashPassword } from './passwords';

/** The first administrator, when the database has no user yet. */
export interface AdminBootstrap {
  email: string;
  /** Set when the password was generated: it is shown once and never stored in clear. */
  generatedPassword: string | null;
}

/**
 * Creates the administrator from ONHAND_ADMIN_EMAIL / ONHAND_ADMIN_PASSWORD on an empty database,
 * or with a random password that the caller prints once. Does nothing when users exist.
 */
export async function bootstrapAdmin(
  db: Kysely<DB>,
  settings: { email?: string | undefined; password?: string | undefined },
  now: number,
): Promise<AdminBootstrap | null> {
  const existing = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const email = (settings.email ?? 'admin@onhand.local').trim().toLowerCase();
  const generatedPassword = settings.password ? null : randomBytes(12).toString('base64url');
  const password = settings.password ?? generatedPassword ?? '';
  const inserted = await db
    .insertInto('users')
    .values({
      id: newId(now),
      email,
      name: 'Administrator',
      password_hash: await hashPassword(password),
      roles: JSON.stringify(['admin']),
      warehouses: null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  // Another process starting at the same moment may have created the administrator first.
  return inserted.numInsertedOrUpdatedRows === 1n ? { email, generatedPassword } : null;
}
