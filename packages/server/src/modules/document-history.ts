import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { isoOut } from '../http/format';
import type { Actor, DocumentRef, Trx } from '../ledger/types';

/** Appends a status change of a document to its history. */
export async function recordHistory(
  trx: Trx,
  document: DocumentRef,
  actor: Actor,
  action: string,
  fromStatus: string | null,
  toStatus: string,
): Promise<void> {
  await trx
    .insertInto('document_history')
    .values({
      document_type: document.type,
      document_id: document.id,
      at: actor.at,
      user_id: actor.userId,
      action,
      from_status: fromStatus,
      to_status: toStatus,
    })
    .execute();
}

/** The history of a document, oldest first, with who made each change. */
export async function documentHistory(db: Kysely<DB>, document: DocumentRef) {
  const rows = await db
    .selectFrom('document_history')
    .leftJoin('users', 'users.id', 'document_history.user_id')
    .select([
      'document_history.at',
      'document_history.action',
      'document_history.from_status',
      'document_history.to_status',
      'users.id',
      'users.email',
    ])
    .where('document_type', '=', document.type)
    .where('document_id', '=', document.id)
    .orderBy('document_history.seq')
    .execute();
  return rows.map((r) => ({
    at: isoOut(r.at),
    user: r.id && r.email ? { id: r.id, email: r.email } : null,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
  }));
}
