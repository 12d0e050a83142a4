import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { appendAudit } from '../audit/audit-append';
import { SYSTEM_ACTOR } from '../audit/audit-entry';
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
  const passwordHash = await hashPassword(password);
  const id = newId(now);
  const made = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('users')
      .values({
        id,
        email,
        name: 'Administrator',
        password_hash: passwordHash,
        roles: JSON.stringify(['admin']),
        warehouses: null,
        disabled: 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .executeTakeFirst();
    // Another process starting at the same moment may have created the administrator first.
    if (inserted.numInsertedOrUpdatedRows !== 1n) return false;
    await appendAudit(trx, [
      {
        at: now,
        actor: SYSTEM_ACTOR,
        action: 'user.create',
        entity: 'user',
        entityId: id,
        before: null,
        after: { id, email, name: 'Administrator', roles: ['admin'], warehouses: null },
      },
    ]);
    return true;
  });
  return made ? { email, generatedPassword } : null;
}
